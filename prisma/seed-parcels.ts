// Demo 确权 parcels (NY/T 2539 DK table) for a few villages, so the parcel picker and the parcels
// layer can be tried on a fresh demo. Pure and deterministic, like seed-data.ts.
//
// Layout: each village gets a block of east–west strips (rows) a little south-east of its centre.
// Rows are 60–110 m deep with a 6 m gap between them (a field road or a ditch, named in the 四至);
// each row is cut into fields 80–260 m long by slightly tilted cut lines, and the row's edges slant
// (all by the same slope), so fields are irregular quadrilaterals. Now and then two neighbouring fields are cut
// into an L-shape and the small rectangle filling its notch. Neighbours share their vertices
// exactly (computed once), so fields never overlap and adjacent ones union into one polygon.
//
// DKBM = 发包方编码 (14 digits) + a 5-digit serial. The seed's villages have slug codes, so the
// 发包方编码 is derived: Dalad Banner's county code 150621, then the town as 100 + its place in
// TOWNS (3 digits, the statistical code's town range), then the village as 200 + its place among
// its town's villages (3 digits, the range of village committees), then group 00 (the village
// collective itself is the 发包方).
import { area as turfArea } from '@turf/area'
import { offsetKm, personName, round, Rng, stableId, TOWNS, VILLAGE_NAMES, type VillageDef } from './seed-data.ts'

export const DALAD_COUNTY_CODE = '150621'
/** The villages with demo parcels: the demo village account's (新胜村), 赛乌素村 and two more. */
export const PARCEL_VILLAGES = ['xinsheng', 'saiwusu', 'liulin', 'wulan'] as const

export type ParcelRow = {
	id: string
	code: string
	name: string
	townId: string
	villageId: string
	employerCode: string
	contractorCode: string
	parcelClass: string
	landUse: string
	grade: string
	basicFarmland: boolean
	surveyedAreaM2: number
	surveyedAreaMu: number
	computedAreaM2: number
	east: string
	south: string
	west: string
	north: string
	surveyorName: string
	geometry: string
	minLng: number
	minLat: number
	maxLng: number
	maxLat: number
	isDemo: true
}

/** The 14-digit 发包方编码 of a seeded village (rule above); null for a village not in the seed. */
export function employerCodeOf(village: Pick<VillageDef, 'code' | 'townCode'>) {
	const townIndex = TOWNS.findIndex((t) => t.code === village.townCode)
	const villageIndex = (VILLAGE_NAMES[village.townCode] ?? []).findIndex((v) => v.code === village.code)
	if (townIndex < 0 || villageIndex < 0) return null
	return `${DALAD_COUNTY_CODE}${100 + townIndex + 1}${200 + villageIndex + 1}00`
}

// TDLYLX (GB/T 21010-2007 codes as the 确权 databases carry them) with their weights on the banner's
// irrigated flats along the Yellow River.
const LAND_USES: ReadonlyArray<readonly [string, number]> = [
	['013', 5], // 旱地
	['012', 4], // 水浇地
	['011', 1], // 水田
	['043', 1], // 其他草地
	['032', 0.5], // 灌木林地
]
const PARCEL_CLASSES: ReadonlyArray<readonly [string, number]> = [
	['10', 12], // 承包地块
	['21', 1], // 自留地
	['22', 1], // 机动地
	['23', 0.6], // 开荒地
]
const FIELD_NAMES = ['东大块', '西大块', '南滩地', '北梁地', '渠畔地', '河湾地', '长条地', '井子地', '沙梁地', '碱滩地', '坝底地', '柳树地']

type Xy = [number, number]
type Field = { ring: Xy[]; row: number; col: number; lShape: boolean }

/** One village's fields in local metres (x east, y north), before they get codes and attributes. */
function layoutFields(rng: Rng, count: number): { fields: Field[]; rows: number } {
	const fields: Field[] = []
	let row = 0
	let southY = 0
	// One slope for the block: rows stay parallel, so the gap between them is the same everywhere.
	const slope = rng.float(-0.04, 0.04)
	while (fields.length < count) {
		const depth = rng.float(60, 110)
		const south = (x: number) => southY + slope * x
		const north = (x: number) => south(x) + depth
		// The cut lines of this row: x at the south edge and at the north edge.
		const cuts: Array<{ s: number; n: number }> = []
		let x = rng.float(0, 30)
		const rowLength = rng.float(900, 1300)
		while (x < rowLength) {
			const tilt = rng.float(-12, 12)
			cuts.push({ s: x + tilt, n: x - tilt })
			x += rng.float(80, 260)
		}
		const at = (c: { s: number; n: number }, t: number): Xy => {
			// The point a fraction t (0 south … 1 north) along a cut line.
			const cx = c.s + (c.n - c.s) * t
			return [cx, south(cx) + (north(cx) - south(cx)) * t]
		}
		let col = 0
		for (let i = 0; i + 1 < cuts.length && fields.length < count; i++) {
			const a = cuts[i]
			const b = cuts[i + 1]
			const c = cuts[i + 2]
			if (c && fields.length + 2 <= count && rng.chance(0.12)) {
				// An L: the whole south half from a to c, the north half from a to b; then the notch.
				const l: Xy[] = [at(a, 0), at(c, 0), at(c, 0.5), at(b, 0.5), at(b, 1), at(a, 1)]
				const notch: Xy[] = [at(b, 0.5), at(c, 0.5), at(c, 1), at(b, 1)]
				fields.push({ ring: l, row, col: col++, lShape: true }, { ring: notch, row, col: col++, lShape: false })
				i++
				continue
			}
			fields.push({ ring: [at(a, 0), at(b, 0), at(b, 1), at(a, 1)], row, col: col++, lShape: false })
		}
		southY += depth + 6
		row++
	}
	return { fields, rows: row }
}

/** The demo parcels of the villages in PARCEL_VILLAGES (the ones present in `villages`). */
export function buildParcels(seed: number, villages: readonly VillageDef[]): ParcelRow[] {
	const root = new Rng(seed).fork('parcels')
	const out: ParcelRow[] = []
	for (const code of PARCEL_VILLAGES) {
		const village = villages.find((v) => v.code === code)
		const employerCode = village ? employerCodeOf(village) : null
		if (!village || !employerCode) continue
		const rng = root.fork(code)
		const { fields, rows } = layoutFields(rng, rng.int(30, 48))
		// The block starts ~400 m east and ~300 m south of the village centre and grows north.
		const origin = offsetKm(village.lat, village.lng, 0.4, -0.3)
		const toLngLat = ([x, y]: Xy) => {
			const p = offsetKm(origin.lat, origin.lng, x / 1000, y / 1000)
			return [round(p.lng, 7), round(p.lat, 7)]
		}
		const owners = fields.map(() => personName(rng))
		const byPlace = new Map(fields.map((f, i) => [`${f.row}:${f.col}`, i]))
		const rowLast = new Map<number, number>()
		for (const f of fields) rowLast.set(f.row, Math.max(rowLast.get(f.row) ?? 0, f.col))
		fields.forEach((f, i) => {
			const ring = f.ring.map(toLngLat)
			ring.push([ring[0][0], ring[0][1]])
			const polygon = { type: 'Polygon' as const, coordinates: [ring] }
			const computed = turfArea(polygon)
			// A survey's area differs from the drawn one by a little (rounding, the survey's own method).
			const surveyed = round(computed * (1 + rng.float(-0.015, 0.015)), 2)
			const landUse = rng.weighted(LAND_USES)
			const parcelClass = rng.weighted(PARCEL_CLASSES)
			const neighbour = (row: number, col: number) => {
				const j = byPlace.get(`${row}:${col}`)
				return j === undefined ? null : `至${owners[j]}地`
			}
			// Rows alternate a field road and a ditch between them; the block's edges are open land.
			const gapName = (row: number) => (row % 2 === 0 ? '至道路' : '至水渠')
			const lngs = ring.map((p) => p[0])
			const lats = ring.map((p) => p[1])
			const serial = String(i + 1).padStart(5, '0')
			out.push({
				id: stableId('parcel', employerCode, serial),
				code: `${employerCode}${serial}`,
				name: `${rng.pick(FIELD_NAMES)}${f.lShape ? '（拐角）' : ''}`,
				townId: village.townId,
				villageId: village.id,
				employerCode,
				contractorCode: `${employerCode}${String(rng.int(1, 400)).padStart(4, '0')}`,
				parcelClass,
				landUse,
				grade: String(rng.int(3, 8)).padStart(2, '0'),
				basicFarmland: landUse.startsWith('01') && rng.chance(0.7),
				surveyedAreaM2: surveyed,
				surveyedAreaMu: round(surveyed / 666.67, 2),
				computedAreaM2: round(computed, 2),
				east: neighbour(f.row, f.col + 1) ?? (f.col === rowLast.get(f.row) ? '至荒地' : '至道路'),
				west: neighbour(f.row, f.col - 1) ?? '至道路',
				south: f.row === 0 ? '至林带' : gapName(f.row - 1),
				north: f.row === rows - 1 ? '至村道' : gapName(f.row),
				surveyorName: owners[i],
				geometry: JSON.stringify(polygon),
				minLng: Math.min(...lngs),
				minLat: Math.min(...lats),
				maxLng: Math.max(...lngs),
				maxLat: Math.max(...lats),
				isDemo: true,
			})
		})
	}
	return out
}
