// The coordinate systems a 确权 parcel file may come in, and how to bring it to geographic
// WGS-84/CGCS2000 (lng, lat). Survey data are in CGCS2000 3° Gauss-Krüger zones: EPSG:4513–4533
// (zones 25–45, the zone number written before the easting: x_0 = zone·1,000,000 + 500,000) and
// EPSG:4534–4554 (central meridian 75°E…135°E, no prefix: x_0 = 500,000). The definitions are
// committed here rather than fetched (proj4 knows none of them). CGCS2000 and WGS-84 differ by
// centimetres, below the survey's accuracy, so geographic CGCS2000 (EPSG:4490) is taken as-is.
import proj4 from 'proj4'

export type Crs = { epsg: number; kind: 'geographic' } | { epsg: number; kind: 'projected'; centralMeridian: number; zonePrefix: boolean }

export type CrsProblem =
	| { code: 'noPrj' }
	| { code: 'unreadablePrj'; found: string }
	| { code: 'unsupportedCrs'; found: string }
	| { code: 'eastingOutOfZone'; found: string; epsg: number }

const GEOGRAPHIC = new Set([4326, 4490])

/** The CGCS2000 3° GK zone for an EPSG code of 4513–4554, or null. */
export function gaussKrugerZone(epsg: number): Crs | null {
	if (epsg >= 4513 && epsg <= 4533) return { epsg, kind: 'projected', centralMeridian: (epsg - 4513 + 25) * 3, zonePrefix: true }
	if (epsg >= 4534 && epsg <= 4554) return { epsg, kind: 'projected', centralMeridian: 75 + (epsg - 4534) * 3, zonePrefix: false }
	return null
}

export function crsForEpsg(epsg: number): Crs | null {
	if (GEOGRAPHIC.has(epsg)) return { epsg, kind: 'geographic' }
	return gaussKrugerZone(epsg)
}

/** The proj4 definition of a supported projected CRS. */
export function proj4Definition(crs: Crs & { kind: 'projected' }) {
	const falseEasting = crs.zonePrefix ? (crs.centralMeridian / 3) * 1_000_000 + 500_000 : 500_000
	return `+proj=tmerc +lat_0=0 +lon_0=${crs.centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`
}

const converters = new Map<number, proj4.Converter>()

/** A function from the CRS's coordinates to [lng, lat]. */
export function toLngLat(crs: Crs): (xy: number[]) => [number, number] {
	if (crs.kind === 'geographic') return (xy) => [xy[0], xy[1]]
	let converter = converters.get(crs.epsg)
	if (!converter) {
		converter = proj4(proj4Definition(crs), 'EPSG:4326')
		converters.set(crs.epsg, converter)
	}
	const c = converter
	return (xy) => {
		const [lng, lat] = c.forward([xy[0], xy[1]])
		return [lng, lat]
	}
}

/** A short description of a WKT for messages: its first name, e.g. "CGCS2000_3_Degree_GK_CM_111E". */
function wktName(wkt: string) {
	return /^\s*[A-Z_]+\s*\[\s*"([^"]{1,120})"/i.exec(wkt)?.[1] ?? wkt.trim().slice(0, 80)
}

function parameter(wkt: string, name: string) {
	const m = new RegExp(`PARAMETER\\s*\\[\\s*"${name}"\\s*,\\s*(-?[\\d.]+(?:e[-+]?\\d+)?)\\s*\\]`, 'i').exec(wkt)
	return m ? Number(m[1]) : null
}

/**
 * Identifies a .prj's WKT: by the EPSG AUTHORITY of the outermost CS when present, else from its
 * parameters (ESRI-style WKT from county GIS has no AUTHORITY): a GRS80/CGCS2000 Transverse
 * Mercator with scale 1 and a central meridian on the 3° grid, the false easting telling whether
 * the zone prefix is used. A geographic WKT on CGCS2000 or WGS-84 is accepted as such.
 */
export function identifyPrj(text: string | null): { crs: Crs } | { problem: CrsProblem } {
	if (text === null) return { problem: { code: 'noPrj' } }
	const wkt = text.trim()
	if (!/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[/i.test(wkt) || wkt.length > 10_000) {
		return { problem: { code: 'unreadablePrj', found: wkt.slice(0, 80) || '(empty)' } }
	}
	const found = wktName(wkt)
	// The outermost AUTHORITY is the last one in WKT1 (it closes the CS); ID["EPSG",n] likewise in WKT2.
	const authorities = [...wkt.matchAll(/(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)]
	const outer = authorities.at(-1)
	if (outer) {
		const crs = crsForEpsg(Number(outer[1]))
		return crs ? { crs } : { problem: { code: 'unsupportedCrs', found: `EPSG:${outer[1]} (${found})` } }
	}
	const isCgcs = /CGCS[_ ]?2000|China[_ ]2000|GRS[_ ]?1980|GRS[_ ]?80/i.test(wkt)
	const isWgs = /WGS[_ ]?(19)?84/i.test(wkt)
	if (/^(GEOGCS|GEOGCRS|GEODCRS)/i.test(wkt)) {
		if (isCgcs) return { crs: { epsg: 4490, kind: 'geographic' } }
		if (isWgs) return { crs: { epsg: 4326, kind: 'geographic' } }
		return { problem: { code: 'unsupportedCrs', found } }
	}
	const transverse = /Transverse[_ ]Mercator|Gauss[_ ]Kruger/i.test(wkt)
	const cm = parameter(wkt, 'central_meridian')
	const fe = parameter(wkt, 'false_easting')
	const k = parameter(wkt, 'scale_factor') ?? 1
	const lat0 = parameter(wkt, 'latitude_of_origin') ?? 0
	if (!isCgcs || !transverse || cm === null || fe === null || Math.abs(k - 1) > 1e-9 || lat0 !== 0 || cm % 3 !== 0) {
		return { problem: { code: 'unsupportedCrs', found } }
	}
	const zone = cm / 3
	if (fe === 500_000 && cm >= 75 && cm <= 135) return { crs: { epsg: 4534 + (cm - 75) / 3, kind: 'projected', centralMeridian: cm, zonePrefix: false } }
	if (fe === zone * 1_000_000 + 500_000 && zone >= 25 && zone <= 45) return { crs: { epsg: 4513 + zone - 25, kind: 'projected', centralMeridian: cm, zonePrefix: true } }
	return { problem: { code: 'unsupportedCrs', found } }
}

/**
 * Whether an easting fits the CRS: a GK easting lies within ±400 km of its false easting (a 3°
 * zone is under 170 km wide in China), so 37xxxxxx in a no-prefix CRS, or 500000 where the prefix
 * is expected, means the .prj does not describe the coordinates. Geographic: a longitude.
 */
export function eastingFits(crs: Crs, x: number, y: number) {
	if (crs.kind === 'geographic') return x >= -180 && x <= 180 && y >= -90 && y <= 90
	const falseEasting = crs.zonePrefix ? (crs.centralMeridian / 3) * 1_000_000 + 500_000 : 500_000
	return Math.abs(x - falseEasting) < 400_000 && y > 0 && y < 10_000_000
}

/** A GeoJSON `crs` member's name (e.g. "urn:ogc:def:crs:EPSG::4546", "EPSG:4490") as a CRS, or a problem. */
export function identifyGeoJsonCrs(crs: unknown): { crs: Crs } | { problem: CrsProblem } {
	if (crs === undefined || crs === null) return { crs: { epsg: 4326, kind: 'geographic' } }
	const name = (crs as { properties?: { name?: unknown } }).properties?.name
	if (typeof name !== 'string') return { problem: { code: 'unsupportedCrs', found: JSON.stringify(crs).slice(0, 80) } }
	if (/CRS84$/i.test(name)) return { crs: { epsg: 4326, kind: 'geographic' } }
	const m = /EPSG:{1,2}(?:[\d.]*:)?(\d{4,5})$/i.exec(name)
	const found = m ? crsForEpsg(Number(m[1])) : null
	return found ? { crs: found } : { problem: { code: 'unsupportedCrs', found: name.slice(0, 80) } }
}
