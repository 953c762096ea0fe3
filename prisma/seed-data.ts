// Deterministic demo data for Dalad Banner (达拉特旗): towns, villages, people, listings, 四议两公开
// records, deals and reviews that reproduce the figures in ../shared/PRODUCT.md ("Facts from the seed").
// Pure: no I/O, no clock, no Math.random. The same seed gives the same rows and the same ids, so
// re-seeding reuses the demo photos already on disk (they are named after the listing ids).
import { area as turfArea } from '@turf/area'
import type {
	AreaUnit,
	LandClass,
	ListingStatus,
	ListingType,
	PriceUnit,
	TradingMode,
	TransferMode,
} from '../app/domain/listing.ts'
import { filingNumber } from '../app/domain/filing.ts'
import { areaUnitFor } from '../app/domain/listing.ts'
import { M2_PER_MU, priceInYuan } from '../app/domain/units.ts'

/** Bump when the demo data or the drawings in demo-photos.ts change: ids (and photo names) change with it. */
export const DEMO_DATA_VERSION = 1
export const DEMO_SEED = 20261101
/** "Today" for the demo: every date is relative to it, never to the clock. */
export const REFERENCE_DATE = new Date('2026-11-01T00:00:00+08:00')
/** west, south, east, north of the banner. */
export const BANNER_BBOX = [108.95, 39.85, 110.8, 40.55] as const
export const DAY_MS = 86_400_000

// ---------------------------------------------------------------- randomness

export function mulberry32(seed: number) {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

/** FNV-1a, 32 bits: turns labels into seeds and ids. */
export function hash32(text: string, salt = 0) {
	let h = (0x811c9dc5 ^ salt) >>> 0
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i)
		h = Math.imul(h, 0x01000193) >>> 0
	}
	// Final avalanche so similar labels give unrelated values.
	h ^= h >>> 16
	h = Math.imul(h, 0x85ebca6b) >>> 0
	h ^= h >>> 13
	return h >>> 0
}

export class Rng {
	private readonly next: () => number
	constructor(readonly seed: number) {
		this.next = mulberry32(seed)
	}
	/** An independent stream: adding draws to one part of the data does not shift the others. */
	fork(label: string) {
		return new Rng(hash32(`${label}:${this.seed}`))
	}
	float(min = 0, max = 1) {
		return min + (max - min) * this.next()
	}
	/** Inclusive of both ends. */
	int(min: number, max: number) {
		return min + Math.floor(this.next() * (max - min + 1))
	}
	chance(p: number) {
		return this.next() < p
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]
	}
	weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
		const total = entries.reduce((s, [, w]) => s + w, 0)
		let r = this.next() * total
		for (const [value, w] of entries) {
			r -= w
			if (r < 0) return value
		}
		return entries[entries.length - 1][0]
	}
	/** Standard normal (Box–Muller). */
	gauss() {
		const u = 1 - this.next()
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
	}
	shuffle<T>(items: readonly T[]): T[] {
		const out = items.slice()
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1))
			;[out[i], out[j]] = [out[j], out[i]]
		}
		return out
	}
	/** Random-looking code from an alphabet without look-alikes (0/O, 1/I/L). */
	code(length: number) {
		const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
		let s = ''
		for (let i = 0; i < length; i++) s += alphabet[Math.floor(this.next() * alphabet.length)]
		return s
	}
}

/** A cuid-shaped id (c + 24 base-36 chars) derived from a label: stable across runs. */
export function stableId(...parts: Array<string | number>) {
	const label = parts.join('|')
	let body = ''
	for (let salt = 1; body.length < 24; salt++) body += hash32(label, salt).toString(36).padStart(7, '0')
	return 'c' + body.slice(0, 24)
}

// ---------------------------------------------------------------- dates and geometry

/** Midnight in Beijing of a calendar day, e.g. day('2025-03-01'). */
export function day(iso: string) {
	return new Date(`${iso}T00:00:00+08:00`)
}
export function addDays(date: Date, days: number) {
	return new Date(date.getTime() + days * DAY_MS)
}
/** A moment during office hours (08:30–17:30 Beijing) on the given day. */
export function officeTime(rng: Rng, dayStart: Date) {
	const minutes = rng.int(8 * 60 + 30, 17 * 60 + 30)
	return new Date(dayStart.getTime() + minutes * 60_000)
}
/** A day (Beijing midnight) between two days, inclusive. */
export function dayBetween(rng: Rng, from: Date, to: Date) {
	const days = Math.floor((to.getTime() - from.getTime()) / DAY_MS)
	return addDays(from, rng.int(0, days))
}

const KM_PER_DEG_LAT = 111.32
/** Moves a point by kilometres east (dx) and north (dy). */
export function offsetKm(lat: number, lng: number, dxKm: number, dyKm: number) {
	return {
		lat: lat + dyKm / KM_PER_DEG_LAT,
		lng: lng + dxKm / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180)),
	}
}
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
	const dy = (a.lat - b.lat) * KM_PER_DEG_LAT
	const dx = (a.lng - b.lng) * KM_PER_DEG_LAT * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180)
	return Math.hypot(dx, dy)
}
export function insideBanner(lat: number, lng: number) {
	const [w, s, e, n] = BANNER_BBOX
	return lng >= w && lng <= e && lat >= s && lat <= n
}
function clampToBanner(p: { lat: number; lng: number }) {
	const [w, s, e, n] = BANNER_BBOX
	return { lat: Math.min(n - 0.001, Math.max(s + 0.001, p.lat)), lng: Math.min(e - 0.001, Math.max(w + 0.001, p.lng)) }
}
export function round(value: number, digits: number) {
	const f = 10 ** digits
	return Math.round(value * f) / f
}

/** A point scattered around a centre (gaussian, sigma in km), never further than maxKm. */
export function scatter(rng: Rng, centre: { lat: number; lng: number }, sigmaKm: number, maxKm: number) {
	let dx = rng.gauss() * sigmaKm
	let dy = rng.gauss() * sigmaKm
	const d = Math.hypot(dx, dy)
	if (d > maxKm) {
		dx *= maxKm / d
		dy *= maxKm / d
	}
	const p = clampToBanner(offsetKm(centre.lat, centre.lng, dx, dy))
	return { lat: round(p.lat, 6), lng: round(p.lng, 6) }
}

export type Polygon = { type: 'Polygon'; coordinates: number[][][] }

/**
 * An irregular 5–8-gon of roughly `targetMu` around a point. Vertices go round the centre at
 * strictly increasing angles with positive radii, so the ring is star-shaped, hence simple, it
 * contains the listing point, and it runs counter-clockwise as RFC 7946 asks.
 */
export function fieldPolygon(rng: Rng, centre: { lat: number; lng: number }, targetMu: number): Polygon {
	const n = rng.int(5, 8)
	const stretch = rng.float(1, 1.8) // fields are longer than wide
	const turn = rng.float(0, Math.PI)
	const radiusM = Math.sqrt((targetMu * M2_PER_MU) / Math.PI)
	const ring: number[][] = []
	for (let i = 0; i < n; i++) {
		const angle = ((i + rng.float(-0.3, 0.3)) / n) * 2 * Math.PI
		const r = radiusM * rng.float(0.75, 1.25)
		const x0 = Math.cos(angle) * r * stretch
		const y0 = Math.sin(angle) * r
		// Rotating an ellipse-like star keeps it simple and counter-clockwise.
		const x = x0 * Math.cos(turn) - y0 * Math.sin(turn)
		const y = x0 * Math.sin(turn) + y0 * Math.cos(turn)
		const p = offsetKm(centre.lat, centre.lng, x / 1000, y / 1000)
		ring.push([round(p.lng, 6), round(p.lat, 6)])
	}
	ring.push([ring[0][0], ring[0][1]])
	return { type: 'Polygon', coordinates: [ring] }
}

/** A polygon's area in mu, as @turf/area measures it, to 0.01 mu. */
export function polygonAreaMu(polygon: Polygon) {
	return round(turfArea(polygon) / M2_PER_MU, 2)
}

// ---------------------------------------------------------------- towns and villages

export type TownDef = {
	id: string
	code: string
	name: string
	nameEn: string
	kind: 'TOWN' | 'SUMU'
	lat: number
	lng: number
	isDemo: boolean
}

function town(code: string, name: string, nameEn: string, kind: 'TOWN' | 'SUMU', lat: number, lng: number): TownDef {
	return { id: stableId('town', code), code, name, nameEn, kind, lat, lng, isDemo: false }
}

/** The 7 towns and 1 sumu of the banner (approximate seats). Shulinzhao is the banner seat. */
export const TOWNS: readonly TownDef[] = [
	town('shulinzhao', '树林召镇', 'Shulinzhao', 'TOWN', 40.4, 110.03),
	town('wangaizhao', '王爱召镇', "Wang'aizhao", 'TOWN', 40.37, 110.24),
	town('bainijing', '白泥井镇', 'Bainijing', 'TOWN', 40.39, 110.44),
	town('jigesitai', '吉格斯太镇', 'Jigesitai', 'TOWN', 40.36, 110.63),
	town('zhaojun', '昭君镇', 'Zhaojun', 'TOWN', 40.44, 109.62),
	town('engebei', '恩格贝镇', 'Engebei', 'TOWN', 40.39, 109.35),
	town('zhonghexi', '中和西镇', 'Zhonghexi', 'TOWN', 40.44, 109.12),
	town('zhandanzhao', '展旦召苏木', 'Zhandanzhao', 'SUMU', 40.17, 109.86),
]

type VillageName = { code: string; name: string; nameEn: string; isDemo: boolean }
const real = (code: string, name: string, nameEn: string): VillageName => ({ code, name, nameEn, isDemo: false })
const demo = (code: string, name: string, nameEn: string): VillageName => ({ code, name, nameEn, isDemo: true })

/** The seed names 3 villages of 展旦召苏木; all others are invented for the demo (isDemo). */
export const VILLAGE_NAMES: Readonly<Record<string, readonly VillageName[]>> = {
	shulinzhao: [
		demo('xinsheng', '新胜村', 'Xinsheng Village'),
		demo('liulin', '柳林村', 'Liulin Village'),
		demo('donghaixin', '东海心村', 'Donghaixin Village'),
		demo('yongxing', '永兴村', 'Yongxing Village'),
		demo('shahao', '沙壕村', 'Shahao Village'),
	],
	wangaizhao: [
		demo('huanghewan', '黄河湾村', 'Huanghewan Village'),
		demo('hongni', '红泥村', 'Hongni Village'),
		demo('qianjin', '前进村', 'Qianjin Village'),
		demo('changsheng', '长胜村', 'Changsheng Village'),
	],
	bainijing: [
		demo('fengshou', '丰收村', 'Fengshou Village'),
		demo('nanliang', '南梁村', 'Nanliang Village'),
		demo('sanyanjing', '三眼井村', 'Sanyanjing Village'),
		demo('yangjiaying', '杨家营村', 'Yangjiaying Village'),
	],
	jigesitai: [
		demo('baijiagedu', '白家圪堵村', 'Baijiagedu Village'),
		demo('machang', '马场村', 'Machang Village'),
		demo('xitan', '西滩村', 'Xitan Village'),
	],
	zhaojun: [
		demo('hepan', '河畔村', 'Hepan Village'),
		demo('xinminbu', '新民堡村', 'Xinminbu Village'),
		demo('shawan', '沙湾村', 'Shawan Village'),
		demo('xinglong', '兴隆村', 'Xinglong Village'),
	],
	engebei: [
		demo('wulan', '乌兰嘎查', 'Wulan Gacha'),
		demo('lvzhou', '绿洲村', 'Lüzhou Village'),
		demo('bayin', '巴音嘎查', 'Bayin Gacha'),
	],
	zhonghexi: [
		demo('wugudi', '五股地村', 'Wugudi Village'),
		demo('wangjiaqu', '王家渠村', 'Wangjiaqu Village'),
		demo('suji', '苏计嘎查', 'Suji Gacha'),
	],
	zhandanzhao: [
		real('saiwusu', '赛乌素村', 'Saiwusu Village'),
		real('chagangou', '查干沟村', 'Chagangou Village'),
		real('hehecheng', '和合成村', 'Hehecheng Village'),
		demo('ashiquan', '阿什泉嘎查', 'Ashiquan Gacha'),
		demo('liugou', '柳沟村', 'Liugou Village'),
		demo('aobaoliang', '敖包梁嘎查', 'Aobaoliang Gacha'),
	],
}

export type VillageDef = VillageName & {
	id: string
	townId: string
	townCode: string
	lat: number
	lng: number
	contactName: string
	contactPhone: string
}

const SURNAMES = ['王', '李', '张', '刘', '杨', '高', '郝', '白', '苏', '贾', '郭', '赵', '乔', '奇', '韩', '任']
const GIVEN_NAMES = ['建军', '海军', '志刚', '永明', '玉兰', '桂花', '占军', '文斌', '美玲', '俊峰', '宝山', '治国', '秀英', '二虎', '忠厚', '润梅']
const MONGOLIAN_NAMES = ['巴图', '其木格', '乌云', '额尔敦', '苏布道', '那顺', '斯琴', '阿拉坦', '萨仁', '特木尔']

export function personName(rng: Rng, mongolian = false) {
	if (mongolian) return rng.pick(MONGOLIAN_NAMES)
	return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES)
}
/** Dalad Banner landline form 0477-5xxxxxx (invented numbers). */
export function demoPhone(rng: Rng) {
	return `0477-5${rng.int(100000, 999999)}`
}

/**
 * Villages lie within ~6 km of their town seat, mostly south of it (the Yellow River runs along
 * the north); the sumu's villages spread further south into the Kubuqi margin.
 */
export function buildVillages(rng: Rng, towns: readonly TownDef[] = TOWNS): VillageDef[] {
	const out: VillageDef[] = []
	for (const t of towns) {
		const names = VILLAGE_NAMES[t.code] ?? []
		names.forEach((v, i) => {
			const angle = ((i + rng.float(-0.3, 0.3)) / names.length) * 2 * Math.PI
			const r = rng.float(2, 6)
			const dx = Math.cos(angle) * r
			let dy = Math.sin(angle) * r
			dy = t.kind === 'SUMU' ? -Math.abs(dy) - 1.5 : dy * 0.5 - 1
			const p = clampToBanner(offsetKm(t.lat, t.lng, dx, dy))
			out.push({
				...v,
				id: stableId('village', v.code),
				townId: t.id,
				townCode: t.code,
				lat: round(p.lat, 6),
				lng: round(p.lng, 6),
				contactName: personName(rng, v.name.endsWith('嘎查') && rng.chance(0.7)),
				contactPhone: demoPhone(rng),
			})
		})
	}
	return out
}

// ---------------------------------------------------------------- people

export type UserDef = {
	id: string
	name: string
	email: string
	role: 'BUYER' | 'REVIEWER' | 'ADMIN'
	townId: string | null
}

function user(name: string, email: string, role: UserDef['role'], townCode: string | null = null): UserDef {
	const t = townCode ? TOWNS.find((x) => x.code === townCode) : null
	return { id: stableId('user', email), name, email, role, townId: t?.id ?? null }
}

/** Buyers of the seeded deals, plus the staff who reviewed and certified the seeded history (no passwords). */
export const DEMO_USERS: readonly UserDef[] = [
	user('刘志远', 'buyer1@demo.local', 'BUYER'),
	user('张丽华', 'buyer2@demo.local', 'BUYER'),
	user('王海鹏', 'buyer3@demo.local', 'BUYER'),
	user('赵敏', 'buyer4@demo.local', 'BUYER'),
	user('塞上田园农业有限公司（演示）', 'buyer5@demo.local', 'BUYER'),
	user('李建国', 'buyer6@demo.local', 'BUYER'),
	user('高文斌', 'reviewer.shulinzhao@demo.local', 'REVIEWER', 'shulinzhao'),
	user('苏日娜', 'reviewer.zhandanzhao@demo.local', 'REVIEWER', 'zhandanzhao'),
	user('贾明', 'admin@demo.local', 'ADMIN'),
]

// ---------------------------------------------------------------- listing texts (shared with the synthetic seed)

export type TextContext = {
	townName: string
	villageName: string
	/** Distance from the listing to the town seat, km. */
	km: number
}

const CN_DIGITS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九']
/** 树林召镇 → 树林召镇区, 展旦召苏木 → 展旦召苏木所在地. */
function seatText(townName: string) {
	return townName.endsWith('镇') ? `${townName}区` : `${townName}所在地`
}
function kmText(km: number) {
	return km < 1 ? '不到1' : String(round(km, 1))
}
function areaText(value: number) {
	return Number.isInteger(value) ? String(value) : value.toFixed(2)
}

export type FarmhouseFacts = { area: number; rooms: number; transferMode: TransferMode; termYears: number }

/** Every farmhouse title and description says 院子, so full-text search for it finds them all. */
export function farmhouseText(rng: Rng, c: TextContext, f: FarmhouseFacts) {
	const structure = rng.pick(['砖瓦房', '砖混平房', '彩钢顶砖房', '土木结构老宅'])
	const head =
		f.transferMode === 'COOPERATION'
			? rng.pick([`${CN_DIGITS[f.rooms]}间${structure}农家院子合作经营`, `农家院子整院合作开发民宿`, `带菜园农家院子合作经营农家乐`])
			: rng.pick([`${CN_DIGITS[f.rooms]}间${structure}农家院子出租`, `整院农家院子出租`, `带菜园的农家院子出租`, `${CN_DIGITS[f.rooms]}间正房带院子出租`])
	const sentences = [
		`院子占地约${f.area}平方米，正房${CN_DIGITS[f.rooms]}间，${structure}，${rng.pick(['2016年翻新过', '2019年重新装修', '屋顶2021年新做防水', '房屋结构完好'])}。`,
		`通自来水和动力电，${rng.pick(['冬季燃煤土暖气取暖', '已完成清洁取暖改造', '自带地暖', '有独立锅炉房'])}，院内有${rng.pick(['菜园和果树', '凉房和库房', '水泥硬化场地可停车', '葡萄架和压水井'])}。`,
		`门前是硬化村道，距${seatText(c.townName)}约${kmText(c.km)}公里，${rng.pick(['紧邻沿黄公路', '到包茂高速出口约15分钟车程', '村道直通县道', '离村委会不远'])}。`,
		f.transferMode === 'COOPERATION'
			? `可与村集体合作发展${rng.pick(['农家乐', '民宿', '研学基地', '休闲养老'])}，合作期${f.termYears}年，收益按约定分成。`
			: `适合${rng.pick(['居住', '开办农家乐', '民宿改造', '小型仓储', '休闲养老'])}，租期${f.termYears}年，租金按年支付。`,
	]
	return { title: `${c.townName}${c.villageName} ${head}`, description: pickSentences(rng, sentences) }
}

export type LandFacts = { area: number; landClass: LandClass; irrigated: boolean; transferMode: TransferMode; termYears: number }

const LAND_MODE_WORDS: Record<TransferMode, string> = {
	LEASE: '经营权流转',
	SUBCONTRACT: '经营权转包',
	SHARE: '经营权入股合作',
	COOPERATION: '合作经营',
	TRANSFER: '经营权转让',
}

export function landText(rng: Rng, c: TextContext, f: LandFacts) {
	const kind =
		f.landClass === 'CROPLAND'
			? f.irrigated
				? '水浇耕地'
				: '旱作耕地'
			: f.landClass === 'GRASSLAND'
				? rng.pick(['天然草地', '人工草地'])
				: f.landClass === 'FOREST'
					? rng.pick(['林地', '杨树林地'])
					: rng.pick(['四荒地', '沙荒地'])
	const water =
		f.landClass === 'CROPLAND' && f.irrigated
			? rng.pick(['配套机电井2眼，滴灌设施完好', '引黄灌溉，渠系配套', '有机电井和低压管灌，水浇地保浇'])
			: f.landClass === 'CROPLAND'
				? '旱作为主，附近可打井'
				: rng.pick(['无灌溉设施', '附近有机电井可协商使用', '地块边有季节性沟渠'])
	const use =
		f.landClass === 'CROPLAND'
			? rng.pick(['适合种植玉米、葵花、葫芦等作物', '适合规模化种植饲草和玉米', '适合发展设施农业和订单种植'])
			: f.landClass === 'GRASSLAND'
				? rng.pick(['适合放牧和饲草种植', '适合舍饲养殖配套饲草基地', '可发展生态畜牧业'])
				: f.landClass === 'FOREST'
					? rng.pick(['适合林下养殖和林下种植', '可发展林下经济', '适合苗木培育'])
					: rng.pick(['适合光伏治沙和生态修复', '可种植沙柳、柠条等防风固沙植物', '适合发展沙产业'])
	const sentences = [
		`地块${rng.pick(['集中连片', '地势平坦', '呈长条形，四至清楚', '权属清晰，已完成确权登记'])}，面积${areaText(f.area)}亩，${water}。`,
		`${rng.pick(['机耕路通到地头', '紧邻乡村公路', '田间道路已硬化', '有砂石路可通大型农机'])}，距${seatText(c.townName)}约${kmText(c.km)}公里。`,
		`${use}。`,
		`流转期限${f.termYears}年，${rng.pick(['租金按年支付', '租金一年一付，先付后用', '可协商分期支付'])}。`,
	]
	return {
		title: `${c.villageName} ${kind} ${areaText(f.area)} 亩 ${LAND_MODE_WORDS[f.transferMode]}`,
		description: pickSentences(rng, sentences),
	}
}

export type AssetKind = 'warehouse' | 'school' | 'coldStorage' | 'greenhouse' | 'dryer' | 'factory' | 'visitor' | 'barn' | 'shop'
export type PhotoScene = 'farmhouse' | 'cropland' | 'grassland' | 'forest' | 'barren' | 'warehouse' | 'school' | 'greenhouse'

/** Kinds of collective operating assets, with plausible sizes (m²) and yearly rents. */
export const ASSET_KINDS: Readonly<
	Record<AssetKind, { noun: string; scene: PhotoScene; area: [number, number]; rent: [number, number]; detail: string[] }>
> = {
	warehouse: { noun: '集体仓库', scene: 'warehouse', area: [400, 3000], rent: [20000, 90000], detail: ['钢结构彩钢顶', '地面硬化，可进大型货车', '带消防设施'] },
	school: { noun: '原村小学校舍', scene: 'school', area: [500, 1500], rent: [20000, 60000], detail: ['两层砖混结构', '带操场和围墙', '教室格局规整'] },
	coldStorage: { noun: '集体冷库', scene: 'warehouse', area: [300, 1200], rent: [50000, 150000], detail: ['库容约2000吨', '制冷机组运行正常', '有装卸平台'] },
	greenhouse: { noun: '温室大棚园区', scene: 'greenhouse', area: [8000, 30000], rent: [60000, 180000], detail: ['日光温室成排布局', '配套滴灌和卷帘机', '园区道路硬化'] },
	dryer: { noun: '粮食烘干塔及晒场', scene: 'warehouse', area: [1500, 4000], rent: [30000, 90000], detail: ['日烘干能力约300吨', '晒场水泥硬化', '配套地磅'] },
	factory: { noun: '集体标准化厂房', scene: 'warehouse', area: [1000, 5000], rent: [50000, 200000], detail: ['单层钢结构厂房', '通380伏动力电', '带办公用房'] },
	visitor: { noun: '游客接待中心', scene: 'school', area: [600, 2000], rent: [40000, 120000], detail: ['临近沿黄观光带', '带停车场', '可改造为餐饮住宿'] },
	barn: { noun: '养殖棚圈', scene: 'warehouse', area: [800, 4000], rent: [20000, 60000], detail: ['砖混彩钢棚圈', '配套饲草料库', '有机电井供水'] },
	shop: { noun: '临街门面房', scene: 'school', area: [120, 600], rent: [10000, 40000], detail: ['临街两层', '水电齐全', '位于村中心'] },
}

const ASSET_MODE_WORDS: Record<TransferMode, string> = {
	LEASE: '出租',
	SUBCONTRACT: '转包',
	SHARE: '入股合作',
	COOPERATION: '合作经营',
	TRANSFER: '转让',
}

export type AssetFacts = { kind: AssetKind; area: number; transferMode: TransferMode; termYears: number | null }

export function assetText(rng: Rng, c: TextContext, f: AssetFacts) {
	const k = ASSET_KINDS[f.kind]
	const sentences = [
		`村集体所有的${k.noun}，建筑面积约${f.area}平方米，${rng.pick(k.detail)}。`,
		`${rng.pick(['水电路配套齐全', '通水通电，道路通畅', '院落独立，便于管理'])}，距${seatText(c.townName)}约${kmText(c.km)}公里。`,
		`已履行“四议两公开”程序，${f.termYears ? `${ASSET_MODE_WORDS[f.transferMode]}期限${f.termYears}年` : '一次性转让'}，收益归村集体所有。`,
		`${rng.pick(['适合仓储物流', '适合农产品加工', '适合合作社经营', '欢迎有实力的经营主体洽谈'])}。`,
	]
	return { title: `${c.villageName} ${k.noun}${ASSET_MODE_WORDS[f.transferMode]}`, description: pickSentences(rng, sentences) }
}

/** 2–4 sentences, keeping the first (it states the facts). */
function pickSentences(rng: Rng, sentences: string[]) {
	const keep = rng.int(2, sentences.length)
	return [sentences[0], ...rng.shuffle(sentences.slice(1)).slice(0, keep - 1)].join('')
}

// ---------------------------------------------------------------- listing terms (shared with the synthetic seed)

export type Terms = {
	area: number
	price: number
	priceUnit: PriceUnit
	transferMode: TransferMode
	termYears: number | null
	tradingMode: TradingMode
}

/** A farmhouse: 120–900 m², leased (or run in cooperation) for 3,000–30,000 yuan a year. */
export function farmhouseTerms(rng: Rng): Terms & { rooms: number } {
	const area = rng.int(24, 180) * 5
	const price = Math.min(30000, Math.max(3000, Math.round((area * rng.float(14, 34)) / 100) * 100))
	return {
		area,
		rooms: Math.min(6, Math.max(2, Math.round(area / 150) + rng.int(0, 1))),
		price,
		priceUnit: 'YUAN_PER_YEAR',
		transferMode: rng.chance(0.8) ? 'LEASE' : 'COOPERATION',
		termYears: rng.pick([3, 5, 5, 8, 10, 10, 15]),
		tradingMode: rng.chance(0.06) ? 'BIDDING' : 'NEGOTIATED',
	}
}

/** Land rents per mu and year by class (yuan). */
const LAND_RENT: Record<LandClass, [number, number]> = {
	CROPLAND: [120, 260],
	FOREST: [80, 200],
	GRASSLAND: [80, 150],
	BARREN: [80, 120],
	OTHER: [80, 150],
}
/** Raw land sizes by class (mu), before the demo scales them to the centre's total. */
const LAND_SIZE: Record<LandClass, [number, number]> = {
	CROPLAND: [60, 1200],
	FOREST: [200, 1500],
	GRASSLAND: [500, 3000],
	BARREN: [300, 3000],
	OTHER: [50, 300],
}

export function landClassPick(rng: Rng): LandClass {
	return rng.weighted<LandClass>([
		['CROPLAND', 0.5],
		['GRASSLAND', 0.22],
		['FOREST', 0.12],
		['BARREN', 0.16],
	])
}

export function landTerms(rng: Rng, landClass: LandClass, irrigated: boolean): Terms {
	const [lo, hi] = LAND_SIZE[landClass]
	const [plo, phi] = irrigated ? [380, 600] : LAND_RENT[landClass]
	return {
		area: rng.int(lo, hi),
		price: Math.round(rng.float(plo, phi) / 5) * 5,
		priceUnit: 'YUAN_PER_MU_YEAR',
		transferMode: rng.weighted<TransferMode>([
			['LEASE', 0.5],
			['SUBCONTRACT', 0.25],
			['SHARE', 0.1],
			['COOPERATION', 0.15],
		]),
		termYears: rng.int(5, 15),
		tradingMode: rng.chance(0.12) ? 'BIDDING' : 'NEGOTIATED',
	}
}

export function assetTerms(rng: Rng, kind: AssetKind): Terms {
	const k = ASSET_KINDS[kind]
	const area = Math.round(rng.int(k.area[0], k.area[1]) / 10) * 10
	const transferMode = rng.weighted<TransferMode>([
		['LEASE', 0.7],
		['COOPERATION', 0.15],
		['SHARE', 0.1],
		['TRANSFER', 0.05],
	])
	if (transferMode === 'TRANSFER') {
		// A one-off sale of the facility's use, priced in 万元.
		return { area, price: rng.int(20, 120), priceUnit: 'WAN_YUAN', transferMode, termYears: null, tradingMode: 'BIDDING' }
	}
	return {
		area,
		price: Math.round(rng.int(k.rent[0], k.rent[1]) / 1000) * 1000,
		priceUnit: 'YUAN_PER_YEAR',
		transferMode,
		termYears: rng.pick([3, 5, 8, 10, 15]),
		tradingMode: rng.chance(0.15) ? 'BIDDING' : 'NEGOTIATED',
	}
}

// ---------------------------------------------------------------- demo listings

export type PhotoSpec = { scene: PhotoScene; variant: number; caption: string }

export type ListingRow = {
	id: string
	type: ListingType
	status: ListingStatus
	title: string
	description: string
	townId: string
	villageId: string
	lat: number
	lng: number
	boundary: string | null
	area: number
	areaUnit: AreaUnit
	landClass: LandClass | null
	price: number
	priceUnit: PriceUnit
	priceYuan: number
	transferMode: TransferMode
	tradingMode: TradingMode
	termYears: number | null
	contactName: string | null
	contactPhone: string | null
	createdById: null
	submittedAt: Date | null
	publishedAt: Date | null
	expiresAt: Date | null
	listingDays?: number
	/** Where the listing came from (schema default PLATFORM); the synthetic seed names it. */
	origin?: string
	/** Listed again from (decision 034): none in the seeds; the synthetic seed names it. */
	relistedFromId?: null
	isDemo: boolean
	createdAt: Date
}

/** A demo listing: the row plus what the seed needs to draw its photos and record its history. */
export type DemoListing = {
	row: ListingRow
	townCode: string
	villageCode: string
	photos: PhotoSpec[]
	/** A deal the demo records on it. */
	deal: DealPlan | null
	assetKind: AssetKind | null
	/** For the text builders. */
	irrigated: boolean
	rooms: number
}

type DealPlan = 'COMPLETED' | 'IN_NOTICE' | 'PENDING_REVIEW'

type Slot = {
	type: ListingType
	status: ListingStatus
	town?: string
	village?: string
	deal?: DealPlan
	asset?: FixedAsset
}

type FixedAsset = {
	kind: AssetKind
	village: string
	area: number
	price: number
	priceUnit: PriceUnit
	transferMode: TransferMode
	termYears: number | null
	tradingMode: TradingMode
}

const asset = (
	kind: AssetKind,
	village: string,
	area: number,
	price: number,
	transferMode: TransferMode,
	termYears: number | null,
	priceUnit: PriceUnit = 'YUAN_PER_YEAR',
	tradingMode: TradingMode = 'NEGOTIATED',
): FixedAsset => ({ kind, village, area, price, priceUnit, transferMode, termYears, tradingMode })

/** The centre's 7 collective assets (集体资产7处), two already traded, and two not yet published. */
const COLLECTIVE_SLOTS: Slot[] = [
	{ type: 'COLLECTIVE_ASSET', status: 'PUBLISHED', asset: asset('warehouse', 'saiwusu', 1200, 60000, 'LEASE', 5) },
	{ type: 'COLLECTIVE_ASSET', status: 'PUBLISHED', asset: asset('school', 'chagangou', 860, 36000, 'LEASE', 10) },
	{ type: 'COLLECTIVE_ASSET', status: 'TRADED', deal: 'COMPLETED', asset: asset('coldStorage', 'hehecheng', 640, 98000, 'LEASE', 10) },
	{ type: 'COLLECTIVE_ASSET', status: 'TRADED', deal: 'COMPLETED', asset: asset('greenhouse', 'xinsheng', 19200, 95000, 'COOPERATION', 8) },
	{ type: 'COLLECTIVE_ASSET', status: 'PUBLISHED', asset: asset('dryer', 'hongni', 2600, 46, 'TRANSFER', null, 'WAN_YUAN', 'BIDDING') },
	{ type: 'COLLECTIVE_ASSET', status: 'PUBLISHED', asset: asset('factory', 'fengshou', 3200, 150000, 'LEASE', 10) },
	{ type: 'COLLECTIVE_ASSET', status: 'PUBLISHED', asset: asset('visitor', 'hepan', 1500, 80000, 'SHARE', 15) },
	{ type: 'COLLECTIVE_ASSET', status: 'SUBMITTED', asset: asset('barn', 'ashiquan', 2400, 45000, 'LEASE', 8) },
	{ type: 'COLLECTIVE_ASSET', status: 'DRAFT', asset: asset('shop', 'yongxing', 320, 24000, 'LEASE', 5) },
]

const repeat = (n: number, slot: Slot): Slot[] => Array.from({ length: n }, () => ({ ...slot }))

/**
 * What the demo lists. Counted (published or traded): 50 farmhouses, ~52 land plots, 7 assets.
 * Beside them the review queues get drafts, submissions and a returned, rejected and withdrawn one.
 */
function listingSlots(): Slot[] {
	return [
		{ type: 'FARMHOUSE', status: 'PUBLISHED', town: 'shulinzhao', deal: 'IN_NOTICE' },
		...repeat(44, { type: 'FARMHOUSE', status: 'PUBLISHED' }),
		...repeat(5, { type: 'FARMHOUSE', status: 'TRADED', deal: 'COMPLETED' }),
		{ type: 'LAND', status: 'PUBLISHED', town: 'zhandanzhao', village: 'chagangou', deal: 'IN_NOTICE' },
		{ type: 'LAND', status: 'PUBLISHED', town: 'wangaizhao', deal: 'PENDING_REVIEW' },
		...repeat(43, { type: 'LAND', status: 'PUBLISHED' }),
		...repeat(7, { type: 'LAND', status: 'TRADED', deal: 'COMPLETED' }),
		...COLLECTIVE_SLOTS,
		{ type: 'FARMHOUSE', status: 'DRAFT', town: 'shulinzhao' },
		{ type: 'LAND', status: 'DRAFT', town: 'bainijing' },
		{ type: 'FARMHOUSE', status: 'SUBMITTED', town: 'shulinzhao' },
		{ type: 'LAND', status: 'SUBMITTED', town: 'shulinzhao' },
		{ type: 'FARMHOUSE', status: 'SUBMITTED', town: 'wangaizhao' },
		{ type: 'FARMHOUSE', status: 'RETURNED', town: 'shulinzhao' },
		{ type: 'LAND', status: 'REJECTED', town: 'zhandanzhao' },
		{ type: 'FARMHOUSE', status: 'WITHDRAWN', town: 'zhaojun' },
	]
}

/** More listings in the banner seat, the sumu and Wang'aizhao, which the seed text centres on. */
const TOWN_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
	['shulinzhao', 3],
	['wangaizhao', 1.3],
	['bainijing', 1.1],
	['jigesitai', 0.9],
	['zhaojun', 1.1],
	['engebei', 1],
	['zhonghexi', 0.9],
	['zhandanzhao', 1.6],
]

export const LAND_TOTAL_RANGE: readonly [number, number] = [40000, 50000]
export const TRADED_VALUE_RANGE: readonly [number, number] = [5_000_000, 6_000_000]

type Draft = DemoListing & { rawArea: number }

function buildListings(rng: Rng, villages: readonly VillageDef[]): DemoListing[] {
	const slots = listingSlots()
	const perType = new Map<ListingType, number>()
	const drafts = slots.map((slot) => {
		// The first 8 of each type go round the towns so every town has some of each.
		const nth = perType.get(slot.type) ?? 0
		perType.set(slot.type, nth + 1)
		const village = placeSlot(rng, slot, nth, villages)
		return draftListing(rng, slot, village)
	})
	fitLandAreas(rng.fork('land-areas'), drafts)
	const listings = drafts.map((d) => finishListing(rng, d, villages))
	draftsToDemoVillage(listings, villages)
	return listings
}

/**
 * The demo village account of 树林召镇 is the village with the returned listing; its town's drafts
 * move there so that account has a draft to finish, and their texts name that village, not the
 * one they were drawn in. Done after drawing, so the random streams (and all else) stay the same.
 */
function draftsToDemoVillage(listings: DemoListing[], villages: readonly VillageDef[]) {
	const returned = listings.find((l) => l.row.status === 'RETURNED' && l.townCode === 'shulinzhao')
	if (!returned) return
	const to = villages.find((v) => v.id === returned.row.villageId)!
	for (const l of listings) {
		if (l.row.status !== 'DRAFT' || l.townCode !== 'shulinzhao' || l.row.villageId === to.id) continue
		const from = villages.find((v) => v.id === l.row.villageId)!
		const rename = (text: string) => text.split(from.name).join(to.name)
		l.row.title = rename(l.row.title)
		l.row.description = rename(l.row.description)
		l.photos = l.photos.map((p) => ({ ...p, caption: rename(p.caption) }))
		Object.assign(l.row, { villageId: to.id, contactName: to.contactName, contactPhone: to.contactPhone, lat: to.lat + 0.004, lng: to.lng - 0.005 })
		l.villageCode = to.code
	}
}

function placeSlot(rng: Rng, slot: Slot, nth: number, villages: readonly VillageDef[]) {
	const code = slot.asset?.village ?? slot.village
	if (code) return villages.find((v) => v.code === code)!
	const townCode = slot.town ?? (nth < TOWNS.length ? TOWNS[nth].code : rng.weighted(TOWN_WEIGHTS))
	return rng.pick(villages.filter((v) => v.townCode === townCode))
}

function draftListing(rng: Rng, slot: Slot, village: VillageDef): Draft {
	const point = scatter(rng, village, 0.8, 2)
	let terms: Terms
	let landClass: LandClass | null = null
	let irrigated = false
	let rooms = 0
	if (slot.type === 'FARMHOUSE') {
		const t = farmhouseTerms(rng)
		rooms = t.rooms
		terms = t
	} else if (slot.type === 'LAND') {
		// Traded plots are modest irrigated fields: the centre's deals are 500-odd 万 in all.
		landClass = slot.deal === 'COMPLETED' ? 'CROPLAND' : landClassPick(rng)
		irrigated = landClass === 'CROPLAND' && (slot.deal === 'COMPLETED' || rng.chance(0.6))
		terms = landTerms(rng, landClass, irrigated)
		if (slot.deal === 'COMPLETED') terms = { ...terms, area: rng.int(90, 260), tradingMode: 'NEGOTIATED' }
	} else {
		terms = { ...slot.asset! }
	}
	// Seeded deals are negotiated: a bidding deal would need its bidding round.
	if (slot.deal) terms = { ...terms, tradingMode: 'NEGOTIATED' }
	const row: ListingRow = {
		id: '',
		type: slot.type,
		status: slot.status,
		title: '',
		description: '',
		townId: village.townId,
		villageId: village.id,
		...point,
		boundary: null,
		area: terms.area,
		areaUnit: areaUnitFor(slot.type),
		landClass,
		price: terms.price,
		priceUnit: terms.priceUnit,
		priceYuan: 0,
		transferMode: terms.transferMode,
		tradingMode: terms.tradingMode,
		termYears: terms.termYears,
		contactName: village.contactName,
		contactPhone: village.contactPhone,
		createdById: null,
		isDemo: true,
		...listingDates(rng, slot),
	}
	return {
		row,
		townCode: village.townCode,
		villageCode: village.code,
		photos: [],
		deal: slot.deal ?? null,
		assetKind: slot.asset?.kind ?? null,
		irrigated,
		rooms,
		rawArea: terms.area,
	}
}

const EXPIRY_YEARS = 3
function plusYears(date: Date, years: number) {
	const d = new Date(date)
	d.setUTCFullYear(d.getUTCFullYear() + years)
	return d
}

/**
 * Dates by status. Published listings date from 2024 on so that, listed for 3 years, none has
 * expired by the reference date; traded ones go back to 2023.
 */
function listingDates(rng: Rng, slot: Slot) {
	const ref = REFERENCE_DATE
	const none = { submittedAt: null, publishedAt: null, expiresAt: null }
	if (slot.status === 'DRAFT') return { ...none, createdAt: officeTime(rng, addDays(ref, -rng.int(2, 30))) }
	if (slot.status === 'SUBMITTED' || slot.status === 'RETURNED' || slot.status === 'REJECTED') {
		const back = slot.status === 'SUBMITTED' ? rng.int(1, 12) : slot.status === 'RETURNED' ? rng.int(14, 25) : rng.int(30, 60)
		const submittedAt = officeTime(rng, addDays(ref, -back))
		return { ...none, submittedAt, createdAt: new Date(submittedAt.getTime() - rng.int(1, 5) * DAY_MS - rng.int(0, 3600_000)) }
	}
	const [from, to] =
		slot.status === 'TRADED'
			? [day('2023-01-05'), day('2025-09-30')]
			: slot.status === 'WITHDRAWN'
				? [day('2024-03-01'), day('2025-06-30')]
				: [day('2024-01-08'), slot.deal ? day('2026-08-31') : day('2026-10-28')]
	const publishedAt = officeTime(rng, dayBetween(rng, from, to))
	const submittedAt = new Date(publishedAt.getTime() - rng.int(1, 4) * DAY_MS - rng.int(0, 3600_000))
	const createdAt = new Date(submittedAt.getTime() - rng.int(1, 10) * DAY_MS - rng.int(0, 3600_000))
	return { submittedAt, publishedAt, expiresAt: plusYears(publishedAt, EXPIRY_YEARS), createdAt }
}

/**
 * Draws boundaries for some counted land plots (their area is the polygon's, as @turf/area
 * measures it) and scales the other published plots so counted land totals ~43,000 mu.
 */
function fitLandAreas(rng: Rng, drafts: Draft[]) {
	const counted = drafts.filter((d) => d.row.type === 'LAND' && (d.row.status === 'PUBLISHED' || d.row.status === 'TRADED'))
	const candidates = counted.filter((d) => d.row.status === 'PUBLISHED' && d.rawArea <= 1500)
	const withBoundary = new Set(rng.shuffle(candidates).slice(0, 12))
	const traded = counted.filter((d) => d.row.status === 'TRADED')
	const boundaryIds = [...withBoundary, ...rng.shuffle(traded).slice(0, 2)]
	for (const d of boundaryIds) {
		const polygon = fieldPolygon(rng, d.row, d.row.status === 'TRADED' ? d.rawArea : d.rawArea * 0.8)
		d.row.boundary = JSON.stringify(polygon)
		d.row.area = polygonAreaMu(polygon)
	}
	const fixed = counted.filter((d) => d.row.boundary || d.row.status === 'TRADED')
	const scalable = counted.filter((d) => !fixed.includes(d))
	const target = rng.float(42600, 43600)
	const fixedTotal = fixed.reduce((s, d) => s + d.row.area, 0)
	const rawTotal = scalable.reduce((s, d) => s + d.rawArea, 0)
	const k = (target - fixedTotal) / rawTotal
	for (const d of scalable) d.row.area = Math.max(20, Math.round(d.rawArea * k))
	const total = counted.reduce((s, d) => s + d.row.area, 0)
	if (total < LAND_TOTAL_RANGE[0] || total >= LAND_TOTAL_RANGE[1]) throw new Error(`Demo land total ${total} mu out of range`)
}

const PHOTO_CAPTIONS: Record<PhotoScene, [string, string]> = {
	farmhouse: ['院落全景', '正房外观'],
	cropland: ['地块全景', '田间道路与机电井'],
	grassland: ['草场全景', '草场近景'],
	forest: ['林地全景', '林下近景'],
	barren: ['地块全景', '地块近景'],
	warehouse: ['外景', '近景'],
	school: ['外景', '院内'],
	greenhouse: ['园区全景', '大棚近景'],
}

function photoSpecs(rng: Rng, d: DemoListing): PhotoSpec[] {
	const scene: PhotoScene =
		d.row.type === 'FARMHOUSE'
			? 'farmhouse'
			: d.row.type === 'LAND'
				? (d.row.landClass!.toLowerCase() as PhotoScene)
				: ASSET_KINDS[d.assetKind!].scene
	const count = d.row.type === 'LAND' ? rng.int(1, 2) : 2
	return Array.from({ length: count }, (_, i) => ({ scene, variant: i, caption: PHOTO_CAPTIONS[scene][i] }))
}

/** Texts, price in yuan, a stable id and photos, once the numbers are final. */
function finishListing(rng: Rng, d: Draft, villages: readonly VillageDef[]): DemoListing {
	const village = villages.find((v) => v.code === d.villageCode)!
	const t = TOWNS.find((x) => x.code === d.townCode)!
	const c: TextContext = { townName: t.name, villageName: village.name, km: distanceKm(d.row, t) }
	const r = d.row
	const text =
		r.type === 'FARMHOUSE'
			? farmhouseText(rng, c, { area: r.area, rooms: d.rooms, transferMode: r.transferMode, termYears: r.termYears! })
			: r.type === 'LAND'
				? landText(rng, c, { area: r.area, landClass: r.landClass!, irrigated: d.irrigated, transferMode: r.transferMode, termYears: r.termYears! })
				: assetText(rng, c, { kind: d.assetKind!, area: r.area, transferMode: r.transferMode, termYears: r.termYears })
	r.title = text.title
	r.description = text.description
	r.priceYuan = round(priceInYuan(r.price, r.priceUnit, r.area, r.areaUnit), 2)
	r.id = stableId('listing', DEMO_DATA_VERSION, r.type, r.title, r.lat, r.lng, r.area)
	const listing: DemoListing = {
		row: r,
		townCode: d.townCode,
		villageCode: d.villageCode,
		photos: [],
		deal: d.deal,
		assetKind: d.assetKind,
		irrigated: d.irrigated,
		rooms: d.rooms,
	}
	listing.photos = photoSpecs(rng, listing)
	return listing
}

// ---------------------------------------------------------------- 四议两公开

export type DecisionRow = {
	id: string
	listingId: string
	proposalDate: Date | null
	committeeDate: Date | null
	partyMeetingDate: Date | null
	partyMembersTotal: number | null
	partyMembersPresent: number | null
	partyVotesFor: number | null
	villagersMeetingDate: Date | null
	villagersTotal: number | null
	villagersPresent: number | null
	villagersVotesFor: number | null
	resolutionText: string | null
	resolutionPublicDate: Date | null
	resultPublicDate: Date | null
}

/** A quorate vote: at least two thirds present, more than half of those present in favour. */
function vote(rng: Rng, total: number) {
	const present = rng.int(Math.ceil((total * 2) / 3), total)
	const votesFor = Math.max(Math.floor(present / 2) + 1, present - rng.int(0, 4))
	return { total, present, votesFor }
}

function dateText(d: Date) {
	const local = new Date(d.getTime() + 8 * 3600_000)
	return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`
}

function buildDecision(rng: Rng, l: DemoListing, villageName: string, deal: DealRow | undefined): DecisionRow {
	const r = l.row
	const id = stableId('decision', r.id)
	// The record precedes the listing: it must exist before the listing can be submitted.
	const villagersMeetingDate = officeTime(rng, addDays(day(isoDay(r.createdAt)), -rng.int(5, 12)))
	const partyMeetingDate = officeTime(rng, addDays(day(isoDay(villagersMeetingDate)), -rng.int(3, 10)))
	const committeeDate = officeTime(rng, addDays(day(isoDay(partyMeetingDate)), -rng.int(2, 8)))
	const proposalDate = officeTime(rng, addDays(day(isoDay(committeeDate)), -rng.int(3, 10)))
	if (r.status === 'DRAFT') {
		// Still being prepared: proposed and deliberated, not yet voted on.
		return { ...emptyDecision(id, r.id), proposalDate, committeeDate }
	}
	const party = vote(rng, rng.int(20, 60))
	const villagers = vote(rng, rng.int(35, 120))
	const noun = ASSET_KINDS[l.assetKind!].noun
	const how = r.termYears ? `以${ASSET_MODE_WORDS[r.transferMode]}方式公开挂牌，期限${r.termYears}年` : '以公开竞价方式一次性转让'
	const resolutionText =
		`${villageName}村民代表会议于${dateText(villagersMeetingDate)}召开，应到${villagers.total}人，实到${villagers.present}人，` +
		`${villagers.votesFor}人同意。会议决定：将村集体${noun.replace(/^集体/, '')}（约${r.area}平方米）${how}，挂牌价不低于${r.price}${priceUnitText(r.priceUnit)}，` +
		`收益归村集体所有，用于发展村集体经济和公益事业。`
	return {
		id,
		listingId: r.id,
		proposalDate,
		committeeDate,
		partyMeetingDate,
		partyMembersTotal: party.total,
		partyMembersPresent: party.present,
		partyVotesFor: party.votesFor,
		villagersMeetingDate,
		villagersTotal: villagers.total,
		villagersPresent: villagers.present,
		villagersVotesFor: villagers.votesFor,
		resolutionText,
		resolutionPublicDate: officeTime(rng, addDays(day(isoDay(villagersMeetingDate)), rng.int(1, 3))),
		resultPublicDate: deal?.certifiedAt ? officeTime(rng, addDays(day(isoDay(deal.certifiedAt)), rng.int(2, 7))) : null,
	}
}

function emptyDecision(id: string, listingId: string): DecisionRow {
	return {
		id,
		listingId,
		proposalDate: null,
		committeeDate: null,
		partyMeetingDate: null,
		partyMembersTotal: null,
		partyMembersPresent: null,
		partyVotesFor: null,
		villagersMeetingDate: null,
		villagersTotal: null,
		villagersPresent: null,
		villagersVotesFor: null,
		resolutionText: null,
		resolutionPublicDate: null,
		resultPublicDate: null,
	}
}

function priceUnitText(unit: PriceUnit) {
	return unit === 'WAN_YUAN' ? '万元' : unit === 'YUAN_PER_MU_YEAR' ? '元/亩·年' : '元/年'
}

/** The calendar day (Beijing) of a moment, as YYYY-MM-DD. */
export function isoDay(d: Date) {
	return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

// ---------------------------------------------------------------- deals

export type DealRow = {
	id: string
	listingId: string
	buyerId: string | null
	outsideBuyerName: string | null
	outsideBuyerIdNumber: string | null
	price: number
	priceUnit: PriceUnit
	totalValueYuan: number
	area: number
	areaUnit: AreaUnit
	termYears: number | null
	transferMode: TransferMode
	tradingMode: TradingMode
	contractDate: Date
	status: 'COMPLETED' | 'IN_NOTICE' | 'PENDING_REVIEW'
	approvedAt: Date | null
	noticeStartsAt: Date | null
	noticeEndsAt: Date | null
	certifiedAt: Date | null
	certificateNo: string | null
	verifyCode: string | null
	filedAt: Date | null
	filingNo: string | null
	isDemo: boolean
	createdAt: Date
}

export const NOTICE_DAYS = 7

/** Contract value: a yearly rent times the term, or the one-off price. */
export function contractValue(price: number, unit: PriceUnit, area: number, areaUnit: AreaUnit, termYears: number | null) {
	const yearly = priceInYuan(price, unit, area, areaUnit)
	return round(unit === 'WAN_YUAN' ? yearly : yearly * (termYears ?? 1), 2)
}

/** A demo resident ID number of Dalad Banner (region 150621) with a valid check digit. */
function demoIdNumber(rng: Rng) {
	const birth = dayBetween(rng, day('1962-01-01'), day('1995-12-31'))
	const body = `150621${isoDay(birth).replaceAll('-', '')}${String(rng.int(0, 999)).padStart(3, '0')}`
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
	const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0)
	return body + '10X98765432'[sum % 11]
}

/**
 * Completed deals on the traded listings, their negotiated prices scaled together so the
 * centre's traded value lands at ~5.3 million yuan; plus two deals in public notice and one
 * awaiting the Party review on published listings (those count for nothing yet).
 */
function buildDeals(rng: Rng, listings: readonly DemoListing[], users: readonly UserDef[]): DealRow[] {
	const buyers = users.filter((u) => u.role === 'BUYER')
	const planned = listings.filter((l) => l.deal)
	const completed = planned.filter((l) => l.deal === 'COMPLETED')
	const natural = completed.reduce((s, l) => s + listingValue(l.row), 0)
	const target = rng.float(5_200_000, 5_400_000)
	const factor = target / natural
	if (factor < 0.7 || factor > 1.4) throw new Error(`Demo deal prices would move ${factor.toFixed(2)}x from the listings`)
	const deals = planned.map((l, i): DealRow => {
		const negotiated = l.deal === 'COMPLETED' ? factor * rng.float(0.98, 1.02) : rng.float(0.95, 1.05)
		// Every third buyer is an outside party, not registered on the platform.
		const party =
			i % 3 === 2
				? { buyerId: null, outsideBuyerName: personName(rng), outsideBuyerIdNumber: demoIdNumber(rng) }
				: { buyerId: buyers[i % buyers.length].id, outsideBuyerName: null, outsideBuyerIdNumber: null }
		return {
			id: stableId('deal', l.row.id),
			listingId: l.row.id,
			status: l.deal!,
			...dealTerms(l.row, negotiated),
			...party,
			...dealDates(rng, l),
			certificateNo: null,
			verifyCode: null,
			filedAt: null,
			filingNo: null,
			isDemo: true,
		}
	})
	numberCertificates(rng, deals)
	numberFilings(deals, listings)
	const total = deals.filter((d) => d.status === 'COMPLETED').reduce((s, d) => s + d.totalValueYuan, 0)
	if (total < TRADED_VALUE_RANGE[0] || total >= TRADED_VALUE_RANGE[1]) throw new Error(`Demo traded value ${total} out of range`)
	return deals
}

function listingValue(r: ListingRow) {
	return contractValue(r.price, r.priceUnit, r.area, r.areaUnit, r.termYears)
}

function dealTerms(r: ListingRow, negotiated: number) {
	const step = r.priceUnit === 'YUAN_PER_YEAR' ? 100 : r.priceUnit === 'WAN_YUAN' ? 0.1 : 1
	const price = round(Math.round((r.price * negotiated) / step) * step, 2)
	return {
		price,
		priceUnit: r.priceUnit,
		totalValueYuan: contractValue(price, r.priceUnit, r.area, r.areaUnit, r.termYears),
		area: r.area,
		areaUnit: r.areaUnit,
		termYears: r.termYears,
		transferMode: r.transferMode,
		tradingMode: r.tradingMode,
	}
}

function dealDates(rng: Rng, l: DemoListing) {
	const ref = REFERENCE_DATE
	const none = { approvedAt: null, noticeStartsAt: null, noticeEndsAt: null, certifiedAt: null }
	if (l.deal === 'PENDING_REVIEW') {
		const contractDate = addDays(ref, -3)
		return { ...none, contractDate, createdAt: officeTime(rng, addDays(ref, -2)) }
	}
	if (l.deal === 'IN_NOTICE') {
		const contractDate = addDays(ref, -rng.int(6, 8))
		const approvedAt = officeTime(rng, addDays(ref, -rng.int(2, 3)))
		const createdAt = officeTime(rng, addDays(contractDate, 1))
		return { ...none, contractDate, createdAt, approvedAt, noticeStartsAt: approvedAt, noticeEndsAt: addDays(approvedAt, NOTICE_DAYS) }
	}
	const contractDate = dayBetween(rng, addDays(day(isoDay(l.row.publishedAt!)), 20), addDays(day(isoDay(l.row.publishedAt!)), 120))
	const createdAt = officeTime(rng, addDays(contractDate, rng.int(0, 3)))
	const approvedAt = officeTime(rng, addDays(day(isoDay(createdAt)), rng.int(1, 4)))
	const noticeEndsAt = addDays(approvedAt, NOTICE_DAYS)
	const certifiedAt = officeTime(rng, addDays(day(isoDay(noticeEndsAt)), rng.int(1, 5)))
	return { contractDate, createdAt, approvedAt, noticeStartsAt: approvedAt, noticeEndsAt, certifiedAt }
}

/** DLT-<year>-<serial>, serials rising through each year in certification order (other centres' deals leave gaps). */
function numberCertificates(rng: Rng, deals: DealRow[]) {
	const serial = new Map<number, number>()
	const certified = deals.filter((d) => d.certifiedAt).sort((a, b) => a.certifiedAt!.getTime() - b.certifiedAt!.getTime())
	const codes = new Set<string>()
	for (const d of certified) {
		const year = Number(isoDay(d.certifiedAt!).slice(0, 4))
		const n = (serial.get(year) ?? rng.int(20, 60)) + rng.int(1, 9)
		serial.set(year, n)
		d.certificateNo = `DLT-${year}-${String(n).padStart(6, '0')}`
		let code = rng.code(10)
		while (codes.has(code)) code = rng.code(10)
		codes.add(code)
		d.verifyCode = code
	}
}

/**
 * Filed (备案) on certification, as the platform files them: each town's numbers of a year from
 * 1 in certification order (app/domain/filing.ts). No random draws, so the demo stays the same.
 */
function numberFilings(deals: DealRow[], listings: readonly DemoListing[]) {
	const townOf = new Map(listings.map((l) => [l.row.id, TOWNS.find((t) => t.id === l.row.townId)!.code]))
	const serial = new Map<string, number>()
	for (const d of deals.filter((x) => x.certifiedAt).sort((a, b) => a.certifiedAt!.getTime() - b.certifiedAt!.getTime())) {
		const town = townOf.get(d.listingId)!
		const year = Number(isoDay(d.certifiedAt!).slice(0, 4))
		const n = (serial.get(`${town}-${year}`) ?? 0) + 1
		serial.set(`${town}-${year}`, n)
		d.filedAt = d.certifiedAt
		d.filingNo = filingNumber('DLT', town, year, n)
	}
}

// ---------------------------------------------------------------- reviews

export type ReviewRow = {
	id: string
	kind: 'LISTING' | 'DEAL' | 'CERTIFICATION'
	listingId: string | null
	dealId: string | null
	reviewerId: string
	decision: 'APPROVE' | 'RETURN' | 'REJECT' | 'CERTIFY'
	opinion: string
	createdAt: Date
}

const APPROVE_OPINIONS: Record<ListingType, string[]> = {
	FARMHOUSE: ['房屋权属清晰，农户意愿真实，租金合理，同意挂牌。', '经核实，宅基地及房屋权属无争议，仅限出租、合作，同意挂牌。'],
	LAND: ['土地承包经营权确权清晰，流转程序合规，同意挂牌。', '经核实，地块四至清楚、用途符合规定，同意挂牌流转。'],
	COLLECTIVE_ASSET: ['“四议两公开”程序完备，会议记录及表决结果齐全，同意挂牌。', '集体资产权属清晰，民主决策程序合规，同意挂牌交易。'],
}

/**
 * The written history of the two towns that have demo reviewers (树林召镇, 展旦召苏木), and the
 * administrator's certification of every completed deal.
 */
function buildReviews(rng: Rng, listings: readonly DemoListing[], deals: readonly DealRow[], users: readonly UserDef[]): ReviewRow[] {
	const reviewerOf = new Map(users.filter((u) => u.role === 'REVIEWER').map((u) => [u.townId, u]))
	const admin = users.find((u) => u.role === 'ADMIN')!
	const out: ReviewRow[] = []
	const add = (r: Omit<ReviewRow, 'id'>) => out.push({ ...r, id: stableId('review', r.kind, r.listingId ?? '', r.dealId ?? '') })
	for (const l of listings) {
		const reviewer = reviewerOf.get(l.row.townId)
		if (!reviewer) continue
		const r = l.row
		if (r.publishedAt) {
			add({ kind: 'LISTING', listingId: r.id, dealId: null, reviewerId: reviewer.id, decision: 'APPROVE', opinion: rng.pick(APPROVE_OPINIONS[r.type]), createdAt: r.publishedAt })
		} else if (r.status === 'RETURNED') {
			add({ kind: 'LISTING', listingId: r.id, dealId: null, reviewerId: reviewer.id, decision: 'RETURN', opinion: '缺少房屋权属证明和户主同意书，请补充材料后重新提交。', createdAt: addDays(r.submittedAt!, 2) })
		} else if (r.status === 'REJECTED') {
			add({ kind: 'LISTING', listingId: r.id, dealId: null, reviewerId: reviewer.id, decision: 'REJECT', opinion: '该地块部分位于黄河河道管理范围内，不符合流转条件，不予通过。', createdAt: addDays(r.submittedAt!, 3) })
		}
	}
	const townOfListing = new Map(listings.map((l) => [l.row.id, l.row.townId]))
	for (const d of deals) {
		const reviewer = reviewerOf.get(townOfListing.get(d.listingId)!)
		if (reviewer && d.approvedAt) {
			add({ kind: 'DEAL', listingId: d.listingId, dealId: d.id, reviewerId: reviewer.id, decision: 'APPROVE', opinion: '交易双方主体适格，价格不低于挂牌价的合理区间，同意进入公示。', createdAt: d.approvedAt })
		}
		if (d.certifiedAt) {
			add({ kind: 'CERTIFICATION', listingId: d.listingId, dealId: d.id, reviewerId: admin.id, decision: 'CERTIFY', opinion: '', createdAt: d.certifiedAt })
		}
	}
	return out
}

// ---------------------------------------------------------------- everything

export type DemoData = {
	towns: readonly TownDef[]
	villages: VillageDef[]
	users: readonly UserDef[]
	listings: DemoListing[]
	decisions: DecisionRow[]
	deals: DealRow[]
	reviews: ReviewRow[]
}

/** The banner's towns and (demo) villages: the same for the demo and the synthetic seed. */
export function buildPlaces(seed = DEMO_SEED) {
	return { towns: TOWNS, villages: buildVillages(new Rng(seed).fork('villages')) }
}

export function buildDemoData(seed = DEMO_SEED): DemoData {
	const root = new Rng(seed)
	const { villages } = buildPlaces(seed)
	const listings = buildListings(root.fork('listings'), villages)
	const deals = buildDeals(root.fork('deals'), listings, DEMO_USERS)
	const decisionRng = root.fork('decisions')
	const decisions = listings
		.filter((l) => l.row.type === 'COLLECTIVE_ASSET')
		.map((l) =>
			buildDecision(
				decisionRng,
				l,
				villages.find((v) => v.id === l.row.villageId)!.name,
				deals.find((d) => d.listingId === l.row.id),
			),
		)
	const reviews = buildReviews(root.fork('reviews'), listings, deals, DEMO_USERS)
	return { towns: TOWNS, villages, users: DEMO_USERS, listings, decisions, deals, reviews }
}
