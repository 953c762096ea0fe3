// Demo photos: simple SVG illustrations (farmhouse courtyards, fields, collective buildings) that
// sharp renders to JPEG. Drawn rather than bundled so the repository carries no image files and
// no third-party photo rights; every picture says "演示图片 demo" so nobody takes it for the asset.
import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { hash32, Rng, stableId, type PhotoScene, type PhotoSpec } from './seed-data.ts'

export const PHOTO_WIDTH = 1200
export const PHOTO_HEIGHT = 800
export const THUMB_WIDTH = 480
export const THUMB_HEIGHT = 320
const W = PHOTO_WIDTH
const H = PHOTO_HEIGHT

export function uploadDirFromEnv() {
	return path.resolve(process.env.UPLOAD_DIR ?? 'data/uploads')
}

export function photoFileNames(listingId: string, n: number) {
	return { file: `demo-${listingId}-${n}.jpg`, thumbFile: `demo-${listingId}-${n}-thumb.jpg` }
}

// ---------------------------------------------------------------- palette

type Season = 'spring' | 'summer' | 'autumn' | 'winter'
type Sky = { top: string; bottom: string; sun: string | null }

const SKIES: Sky[] = [
	{ top: '#3f86d6', bottom: '#cfe6f7', sun: '#fff6d5' }, // clear
	{ top: '#7fa6c9', bottom: '#e9e4d4', sun: '#fbf1cf' }, // hazy, dust in the air
	{ top: '#e78f4e', bottom: '#f8ddb0', sun: '#fff1c4' }, // evening
	{ top: '#8d98a4', bottom: '#d3d7da', sun: null }, // overcast
]

const GROUND: Record<Season, [string, string]> = {
	spring: ['#a3bf72', '#c2cf93'],
	summer: ['#5d9a3b', '#80b252'],
	autumn: ['#c99f45', '#dcbc6c'],
	winter: ['#c9bda4', '#ece8e0'],
}
const HILLS: Record<Season, [string, string]> = {
	spring: ['#b7b08f', '#9fa27a'],
	summer: ['#8fa66a', '#6f8c4f'],
	autumn: ['#c2a172', '#a98a5a'],
	winter: ['#d6d2cb', '#bdb6aa'],
}
const ROOFS = ['#2f6fb3', '#b8432f', '#6b6f73', '#3c8a8c']
const WALLS = ['#c98b63', '#d8c3a0', '#e9e2d3', '#b7785a']

type Scene = { rng: Rng; season: Season; sky: Sky; horizon: number }

// ---------------------------------------------------------------- shared pieces

function backdrop(s: Scene) {
	const { rng, sky, season, horizon } = s
	const [g1, g2] = GROUND[season]
	const [h1, h2] = HILLS[season]
	const sunX = rng.int(150, 1050)
	const sun = sky.sun ? `<circle cx="${sunX}" cy="${rng.int(90, 200)}" r="${rng.int(34, 52)}" fill="${sky.sun}" opacity=".9"/>` : ''
	const clouds = Array.from({ length: rng.int(1, 4) }, () => cloud(rng)).join('')
	return `<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky.top}"/><stop offset="1" stop-color="${sky.bottom}"/></linearGradient>
<linearGradient id="ground" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${g2}"/><stop offset="1" stop-color="${g1}"/></linearGradient>
</defs>
<rect width="${W}" height="${H}" fill="url(#sky)"/>${sun}${clouds}
${ridge(rng, horizon - rng.int(50, 90), 40, h1)}${ridge(rng, horizon - rng.int(10, 30), 25, h2)}
<rect y="${horizon}" width="${W}" height="${H - horizon}" fill="url(#ground)"/>`
}

function cloud(rng: Rng) {
	const x = rng.int(0, W)
	const y = rng.int(60, 220)
	const w = rng.int(80, 180)
	return `<g fill="#fff" opacity="${rng.float(0.55, 0.85).toFixed(2)}"><ellipse cx="${x}" cy="${y}" rx="${w}" ry="${w / 4}"/><ellipse cx="${x + w / 3}" cy="${y - w / 6}" rx="${w / 2}" ry="${w / 4}"/></g>`
}

/** A smooth line of low hills (the Ordos plateau edge) from left to right. */
function ridge(rng: Rng, y: number, amp: number, fill: string) {
	const n = 7
	const pts = Array.from({ length: n + 1 }, (_, i) => [(i / n) * W, y + rng.float(-amp, amp)])
	let d = `M0,${H} L0,${pts[0][1].toFixed(0)}`
	for (let i = 1; i < pts.length; i++) {
		const [px, py] = pts[i - 1]
		const [x, yy] = pts[i]
		d += ` Q${(px + (x - px) / 2).toFixed(0)},${(Math.min(py, yy) - amp / 2).toFixed(0)} ${x.toFixed(0)},${yy.toFixed(0)}`
	}
	return `<path d="${d} L${W},${H} Z" fill="${fill}"/>`
}

/** Poplars line every road and field edge in the Hetao plain; bare in winter. */
function poplar(x: number, base: number, height: number, s: Scene) {
	const trunk = `<rect x="${x - height * 0.02}" y="${base - height}" width="${height * 0.04}" height="${height}" fill="#6d5a45"/>`
	if (s.season === 'winter') {
		const twigs = [0.3, 0.5, 0.7]
			.map((f) => `<line x1="${x}" y1="${base - height * f}" x2="${x + height * 0.12}" y2="${base - height * (f + 0.15)}" stroke="#6d5a45" stroke-width="2"/>`)
			.join('')
		return trunk + twigs
	}
	const leaf = s.season === 'autumn' ? '#d9b13b' : s.season === 'spring' ? '#8fc25a' : '#3f7d2f'
	return `${trunk}<ellipse cx="${x}" cy="${base - height * 0.62}" rx="${height * 0.14}" ry="${height * 0.42}" fill="${leaf}"/>`
}

function treeRow(s: Scene, y: number, height: number, count: number) {
	return Array.from({ length: count }, (_, i) => poplar(((i + s.rng.float(0.2, 0.8)) / count) * W, y, height * s.rng.float(0.85, 1.15), s)).join('')
}

function caption() {
	return `<g><rect x="${W - 236}" y="${H - 56}" width="220" height="40" rx="6" fill="#000" fill-opacity=".45"/>
<text x="${W - 126}" y="${H - 28}" font-family="Noto Sans CJK SC, sans-serif" font-size="22" fill="#fff" text-anchor="middle">演示图片 demo</text></g>`
}

/** The second photo of a listing is a closer view of the same subject. */
function closer(variant: number, body: string, focusX = W / 2, focusY = H * 0.7) {
	if (variant === 0) return body
	const k = 1.45
	return `<g transform="translate(${focusX * (1 - k)},${focusY * (1 - k)}) scale(${k})">${body}</g>`
}

// ---------------------------------------------------------------- farmhouse

function farmhouse(s: Scene, variant: number) {
	const { rng, season } = s
	const roof = rng.pick(ROOFS)
	const wall = rng.pick(WALLS)
	const houseW = rng.int(460, 620)
	const houseX = (W - houseW) / 2 + rng.int(-80, 80)
	const houseTop = s.horizon - rng.int(120, 150)
	const houseBottom = s.horizon + 60
	const windows = rng.int(3, 5)
	let house = `<rect x="${houseX}" y="${houseTop}" width="${houseW}" height="${houseBottom - houseTop}" fill="${wall}"/>`
	house += `<polygon points="${houseX - 20},${houseTop + 4} ${houseX + 30},${houseTop - 46} ${houseX + houseW - 30},${houseTop - 46} ${houseX + houseW + 20},${houseTop + 4}" fill="${roof}"/>`
	if (season === 'winter') house += `<polygon points="${houseX + 10},${houseTop - 24} ${houseX + 30},${houseTop - 46} ${houseX + houseW - 30},${houseTop - 46} ${houseX + houseW - 10},${houseTop - 24}" fill="#fff" opacity=".9"/>`
	house += `<rect x="${houseX + houseW * 0.8}" y="${houseTop - 80}" width="22" height="50" fill="#8a6b55"/>`
	for (let i = 0; i < windows; i++) {
		const wx = houseX + ((i + 0.5) / windows) * houseW - 32
		const isDoor = i === Math.floor(windows / 2)
		house += isDoor
			? `<rect x="${wx + 8}" y="${houseTop + 36}" width="48" height="${houseBottom - houseTop - 36}" fill="#7a4a2a"/>`
			: `<rect x="${wx}" y="${houseTop + 36}" width="64" height="54" fill="#9fc3d9" stroke="#f4f1ea" stroke-width="5"/>`
	}
	// The courtyard wall with its gate in front of the house.
	const wallY = s.horizon + rng.int(90, 130)
	const gateX = rng.int(380, 760)
	const wallColor = rng.pick(['#b7785a', '#d4c2a2', '#a9a39a'])
	const gateColor = rng.pick(['#b3282d', '#2f5ea8', '#6b3d25'])
	let yard = `<rect x="0" y="${wallY}" width="${W}" height="70" fill="${wallColor}"/><rect x="0" y="${wallY}" width="${W}" height="8" fill="#8d8378"/>`
	yard += `<rect x="${gateX}" y="${wallY - 40}" width="130" height="110" fill="${gateColor}"/><line x1="${gateX + 65}" y1="${wallY - 40}" x2="${gateX + 65}" y2="${wallY + 70}" stroke="#3a2a20" stroke-width="3"/>`
	yard += `<polygon points="${gateX - 16},${wallY - 38} ${gateX + 65},${wallY - 70} ${gateX + 146},${wallY - 38}" fill="${roof}"/>`
	yard += `<circle cx="${gateX + 20}" cy="${wallY - 22}" r="9" fill="#e0302a"/><circle cx="${gateX + 110}" cy="${wallY - 22}" r="9" fill="#e0302a"/>`
	if (season === 'autumn') {
		yard += Array.from({ length: 6 }, (_, i) => `<ellipse cx="${80 + i * 26}" cy="${wallY - 6}" rx="14" ry="8" fill="#e8b82e"/>`).join('')
	}
	const trees = poplar(rng.int(60, 200), wallY + 10, rng.int(260, 340), s) + poplar(rng.int(1000, 1140), wallY + 10, rng.int(260, 340), s)
	return closer(variant, treeRow(s, s.horizon, 90, 10) + house + yard + trees, houseX + houseW / 2, s.horizon)
}

// ---------------------------------------------------------------- land

/** Crop rows converging on a vanishing point. */
function cropland(s: Scene, variant: number) {
	const { rng, season, horizon } = s
	const vx = rng.int(350, 850)
	const row = season === 'summer' ? '#3e7a2a' : season === 'autumn' ? '#b5862f' : season === 'spring' ? '#7c9b4f' : '#9c8e76'
	const soil = season === 'winter' ? '#e6e1d8' : season === 'spring' ? '#9a7b58' : GROUND[season][0]
	let body = `<rect y="${horizon}" width="${W}" height="${H - horizon}" fill="${soil}"/>`
	for (let i = -30; i <= 30; i++) {
		body += `<line x1="${vx}" y1="${horizon}" x2="${vx + i * 70}" y2="${H}" stroke="${row}" stroke-width="${season === 'summer' ? 9 : 5}" opacity=".85"/>`
	}
	body += treeRow(s, horizon + 2, 70, 14)
	if (variant === 1) {
		// A well house (机电井房) and the field road.
		body += `<polygon points="0,${H} 0,${H - 80} ${vx - 40},${horizon + 4} ${vx - 20},${horizon + 4} 260,${H}" fill="#c9b48e"/>`
		body += `<rect x="820" y="${horizon + 80}" width="150" height="100" fill="#c98b63"/><polygon points="808,${horizon + 84} 895,${horizon + 40} 982,${horizon + 84}" fill="${rng.pick(ROOFS)}"/><rect x="880" y="${horizon + 120}" width="34" height="60" fill="#5a6b7a"/>`
	}
	return body
}

function grassland(s: Scene, variant: number) {
	const { rng, season, horizon } = s
	let body = ridge(rng, horizon + 30, 30, GROUND[season][1]) + ridge(rng, horizon + 120, 40, GROUND[season][0])
	const clumps = season === 'winter' ? '#a89c84' : '#4f7f34'
	for (let i = 0; i < 60; i++) body += `<ellipse cx="${rng.int(0, W)}" cy="${rng.int(horizon + 60, H)}" rx="${rng.int(6, 16)}" ry="${rng.int(3, 7)}" fill="${clumps}" opacity=".6"/>`
	const sheep = variant === 1 ? 14 : 8
	for (let i = 0; i < sheep; i++) {
		const x = rng.int(100, 1100)
		const y = rng.int(horizon + 140, H - 80)
		const r = (y - horizon) / 14
		body += `<ellipse cx="${x}" cy="${y}" rx="${r * 1.3}" ry="${r * 0.8}" fill="#f4f1e8"/><circle cx="${x + r * 1.2}" cy="${y - r * 0.4}" r="${r * 0.45}" fill="#2f2a26"/>`
	}
	return body
}

function forest(s: Scene, variant: number) {
	let body = ''
	const rows = variant === 1 ? [[s.horizon + 60, 200, 9], [s.horizon + 200, 360, 6]] : [[s.horizon + 10, 90, 18], [s.horizon + 70, 150, 13], [s.horizon + 160, 240, 9]]
	for (const [y, h, n] of rows) body += treeRow(s, y, h, n)
	return body
}

/** Kubuqi-margin sand with sand-willow (沙柳) clumps. */
function barren(s: Scene, variant: number) {
	const { rng, horizon } = s
	const sand = s.season === 'winter' ? ['#e8dfcf', '#d9ccb3'] : ['#e3c98f', '#d1b176']
	let body = ridge(rng, horizon + 20, 25, sand[0]) + ridge(rng, horizon + 140, 50, sand[1]) + ridge(rng, horizon + 260, 40, sand[0])
	const willow = s.season === 'autumn' ? '#a08442' : s.season === 'winter' ? '#8a7a62' : '#6c8a45'
	for (let i = 0; i < (variant === 1 ? 26 : 16); i++) {
		const x = rng.int(0, W)
		const y = rng.int(horizon + 40, H - 20)
		const r = (y - horizon) / 10
		body += `<ellipse cx="${x}" cy="${y}" rx="${r * 1.4}" ry="${r * 0.7}" fill="${willow}"/>`
	}
	return body
}

// ---------------------------------------------------------------- collective assets

function warehouse(s: Scene, variant: number) {
	const { rng, horizon } = s
	const x = rng.int(160, 320)
	const w = rng.int(620, 820)
	const top = horizon - rng.int(150, 200)
	const bottom = horizon + 110
	const roof = rng.pick(ROOFS)
	const siding = rng.pick(['#e4e6e8', '#d8d2c4', '#c7d4de'])
	let body = `<rect x="0" y="${bottom - 20}" width="${W}" height="${H - bottom + 20}" fill="#b9b4ab"/>`
	body += `<rect x="${x}" y="${top}" width="${w}" height="${bottom - top}" fill="${siding}"/>`
	for (let i = x + 12; i < x + w; i += 18) body += `<line x1="${i}" y1="${top}" x2="${i}" y2="${bottom}" stroke="#9ea4a9" stroke-width="2" opacity=".6"/>`
	body += `<polygon points="${x - 18},${top + 2} ${x + w / 2},${top - 70} ${x + w + 18},${top + 2}" fill="${roof}"/>`
	const doors = rng.int(2, 3)
	for (let i = 0; i < doors; i++) {
		const dx = x + ((i + 0.5) / doors) * w - 70
		body += `<rect x="${dx}" y="${bottom - 150}" width="140" height="150" fill="#8e959b"/>`
		for (let y = bottom - 145; y < bottom; y += 12) body += `<line x1="${dx}" y1="${y}" x2="${dx + 140}" y2="${y}" stroke="#737a80" stroke-width="2"/>`
	}
	return closer(variant, treeRow(s, horizon, 80, 12) + body, x + w / 2, bottom)
}

function school(s: Scene, variant: number) {
	const { rng, horizon } = s
	const x = rng.int(200, 320)
	const w = rng.int(560, 700)
	const top = horizon - 220
	const bottom = horizon + 90
	const wall = rng.pick(['#e9e2d3', '#f0d9b5', '#d9e1e6'])
	let body = `<rect x="0" y="${bottom - 10}" width="${W}" height="${H - bottom + 10}" fill="#c4beb2"/>`
	body += `<rect x="${x}" y="${top}" width="${w}" height="${bottom - top}" fill="${wall}"/><rect x="${x - 10}" y="${top - 16}" width="${w + 20}" height="18" fill="${rng.pick(ROOFS)}"/>`
	for (const fy of [top + 30, top + 170]) {
		for (let i = 0; i < 7; i++) body += `<rect x="${x + 20 + i * ((w - 40) / 7)}" y="${fy}" width="${(w - 40) / 7 - 18}" height="80" fill="#8fb6cf" stroke="#fff" stroke-width="4"/>`
	}
	body += `<rect x="${x + w / 2 - 120}" y="${top + 125}" width="240" height="30" fill="#b3282d"/>`
	// The flagpole in the yard, as in every former village school.
	const fx = x + w + rng.int(60, 140)
	body += `<line x1="${fx}" y1="${bottom + 40}" x2="${fx}" y2="${top - 40}" stroke="#d8d8d8" stroke-width="5"/><polygon points="${fx},${top - 40} ${fx + 70},${top - 25} ${fx},${top - 10}" fill="#de2910"/>`
	body += `<rect x="0" y="${bottom + 60}" width="${W}" height="16" fill="#a09a90"/>`
	return closer(variant, treeRow(s, horizon, 90, 12) + body, x + w / 2, bottom)
}

/** A greenhouse park seen from the end: rows of film-covered arched sheds with their doors. */
function greenhouse(s: Scene, variant: number) {
	const { rng, horizon } = s
	let body = `<rect y="${horizon + 20}" width="${W}" height="${H - horizon - 20}" fill="${rng.pick(['#b9b4ab', '#a89f8f'])}"/>`
	const rows: Array<[number, number, number]> = [
		[horizon + 70, 110, 8],
		[horizon + 270, 260, 4],
	]
	for (const [base, w, count] of rows) {
		const h = w * 0.55
		for (let i = 0; i < count; i++) {
			const x = ((i + 0.5) / count) * W - w / 2 + rng.int(-8, 8)
			body += `<path d="M${x},${base} A${w / 2},${h} 0 0 1 ${x + w},${base} Z" fill="#eef3f4" opacity=".93" stroke="#aab6ba" stroke-width="2"/>`
			body += `<path d="M${x + w * 0.2},${base} A${w * 0.3},${h * 0.8} 0 0 1 ${x + w * 0.8},${base}" fill="none" stroke="#c3ced2" stroke-width="2"/>`
			body += `<rect x="${x + w * 0.41}" y="${base - h * 0.42}" width="${w * 0.18}" height="${h * 0.42}" fill="#5d6b73"/>`
		}
	}
	return closer(variant, treeRow(s, horizon, 70, 14) + body)
}

const SCENES: Record<PhotoScene, (s: Scene, variant: number) => string> = {
	farmhouse,
	cropland,
	grassland,
	forest,
	barren,
	warehouse,
	school,
	greenhouse,
}

/** The SVG of one demo photo; the same listing id and photo number always give the same picture. */
export function demoPhotoSvg(listingId: string, n: number, spec: PhotoSpec) {
	// Both photos of a listing draw the same subject in the same season and sky; the second is a closer view.
	const rng = new Rng(hash32(listingId))
	const season = rng.pick<Season>(['spring', 'summer', 'summer', 'autumn', 'autumn', 'winter'])
	const sky = rng.pick(SKIES)
	const horizon = rng.int(420, 480)
	const sceneRng = rng.fork('scene')
	const s: Scene = { rng: sceneRng, season, sky, horizon }
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${backdrop(s)}${SCENES[spec.scene](s, spec.variant)}${caption()}</svg>`
}

// ---------------------------------------------------------------- files

export type PhotoRow = {
	id: string
	listingId: string
	file: string
	thumbFile: string
	width: number
	height: number
	caption: string
	sort: number
}

async function exists(file: string) {
	try {
		await fs.access(file)
		return true
	} catch {
		return false
	}
}

/** Renders once, encodes the photo and its thumbnail; writes to temporary names first so a crash never leaves half a file to be reused. */
async function renderPhoto(svg: string, full: string, thumb: string) {
	const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true })
	const raw = { raw: { width: info.width, height: info.height, channels: info.channels } }
	await Promise.all([
		sharp(data, raw).jpeg({ quality: 78, progressive: true }).toFile(`${full}.tmp`),
		sharp(data, raw).resize(THUMB_WIDTH, THUMB_HEIGHT).jpeg({ quality: 76, progressive: true }).toFile(`${thumb}.tmp`),
	])
	await Promise.all([fs.rename(`${full}.tmp`, full), fs.rename(`${thumb}.tmp`, thumb)])
}

export type DemoPhotoResult = { rows: PhotoRow[]; written: number; reused: number }

/**
 * Writes the photos of the given listings into `dir` and returns their ListingPhoto rows. A file
 * already there under the same name is kept: names derive from the listing id, which changes
 * whenever the listing (or DEMO_DATA_VERSION) does, so an existing file has the right content.
 */
export async function writeDemoPhotos(
	listings: ReadonlyArray<{ id: string; photos: readonly PhotoSpec[] }>,
	dir: string,
	concurrency = 4,
): Promise<DemoPhotoResult> {
	await fs.mkdir(dir, { recursive: true })
	const rows: PhotoRow[] = []
	const jobs: Array<() => Promise<void>> = []
	let written = 0
	let reused = 0
	for (const l of listings) {
		l.photos.forEach((spec, n) => {
			const names = photoFileNames(l.id, n)
			rows.push({ id: stableId('photo', l.id, n), listingId: l.id, ...names, width: W, height: H, caption: spec.caption, sort: n })
			jobs.push(async () => {
				const full = path.join(dir, names.file)
				const thumb = path.join(dir, names.thumbFile)
				if ((await exists(full)) && (await exists(thumb))) {
					reused++
					return
				}
				await renderPhoto(demoPhotoSvg(l.id, n, spec), full, thumb)
				written++
			})
		})
	}
	await runPool(jobs, concurrency)
	return { rows, written, reused }
}

async function runPool(jobs: Array<() => Promise<void>>, concurrency: number) {
	let next = 0
	const worker = async () => {
		while (next < jobs.length) await jobs[next++]()
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker))
}

// ---------------------------------------------------------------- contract scans

/** The demo's deals need their signed contract (certification refuses a deal without one). */
export function demoContractFile(dealId: string) {
	return `demo-contract-${dealId}.png`
}

function contractSvg(title: string) {
	const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)
	const lines = Array.from({ length: 14 }, (_, i) => `<rect x="90" y="${300 + i * 44}" width="${i % 5 === 4 ? 420 : 720}" height="10" rx="5" fill="#c8c3b8"/>`).join('')
	return `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1270" viewBox="0 0 900 1270">
<rect width="900" height="1270" fill="#fbfaf6"/>
<text x="450" y="140" font-family="Noto Sans CJK SC, sans-serif" font-size="40" font-weight="700" fill="#222" text-anchor="middle">农村产权流转交易合同</text>
<text x="450" y="200" font-family="Noto Sans CJK SC, sans-serif" font-size="24" fill="#444" text-anchor="middle">${esc(title)}</text>
${lines}
<circle cx="640" cy="1080" r="80" fill="none" stroke="#c0392b" stroke-width="6" opacity=".8"/>
<text x="640" y="1090" font-family="Noto Sans CJK SC, sans-serif" font-size="26" fill="#c0392b" text-anchor="middle" opacity=".8">盖章</text>
<text x="450" y="1220" font-family="Noto Sans CJK SC, sans-serif" font-size="22" fill="#999" text-anchor="middle">演示合同扫描件 demo — 非真实合同</text>
</svg>`
}

/**
 * Draws a stand-in scan for each demo deal into UPLOAD_DIR/private (where contracts live, 0600),
 * the way a village would upload the signed paper contract.
 */
export async function writeDemoContracts(deals: ReadonlyArray<{ id: string; title: string }>, dir: string) {
	const privateDir = path.join(dir, 'private')
	await fs.mkdir(privateDir, { recursive: true, mode: 0o700 })
	await runPool(
		deals.map((d) => async () => {
			const file = path.join(privateDir, demoContractFile(d.id))
			if (await exists(file)) return
			const png = await sharp(Buffer.from(contractSvg(d.title))).png({ compressionLevel: 9, palette: true }).toBuffer()
			await fs.writeFile(file, png, { mode: 0o600 })
		}),
		4,
	)
}
