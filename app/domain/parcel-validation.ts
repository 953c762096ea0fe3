// The checks every imported 确权 parcel passes before it may be written (issue 11). Geometry is
// already in lng/lat here. Each problem is a code the preview page translates, with the feature's
// row (1-based, the record number the administrator sees in their GIS).
import turfArea from '@turf/area'
import kinks from '@turf/kinks'
import type { ParcelAttributes } from './parcel-fields.ts'

export type BBox = [number, number, number, number]
export type ParcelGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }

export const PARCEL_PROBLEMS = [
	'noGeometry',
	'notPolygon',
	'ringOpen',
	'tooFewPoints',
	'selfIntersecting',
	'outsideCounty',
	'codeMissing',
	'codeFormat',
	'codeDuplicate',
	'employerMismatch',
	'areaMissing',
	'areaMismatch',
	'villageUnmatched',
] as const
export type ParcelProblem = (typeof PARCEL_PROBLEMS)[number]

/** DKBM: the 14-digit 发包方编码 (12-digit village division code + 2-digit group) and a 5-digit serial. */
export const DKBM = /^\d{19}$/

/**
 * SCMJ is measured on the Gauss-Krüger plane and rounded; the geometry's own area here is on the
 * sphere (@turf/area). Around the banner the two differ by ~0.1 %; a survey's own tolerance and
 * rounding of small parcels to 0.01 亩 (6.7 m²) make 5 % or 50 m², whichever is larger, a
 * difference that means the wrong geometry or the wrong area, not measurement noise.
 */
export const AREA_TOLERANCE = { fraction: 0.05, m2: 50 }

export function areaWithinTolerance(computedM2: number, surveyedM2: number) {
	return Math.abs(computedM2 - surveyedM2) <= Math.max(AREA_TOLERANCE.fraction * surveyedM2, AREA_TOLERANCE.m2)
}

/**
 * The county's area: the bounding box of its configured towns' and villages' seats, grown by 0.3°
 * (~30 km) on each side, since the seats are points and the land reaches past them. Derived from
 * the places an administrator configures, so another county needs no setting; Dalad Banner's
 * (108.95–110.8 E, 39.85–40.55 N) fits inside it.
 */
export const COUNTY_MARGIN_DEG = 0.3
export function countyArea(places: readonly { lng: number; lat: number }[]): BBox | null {
	if (places.length === 0) return null
	const lngs = places.map((p) => p.lng)
	const lats = places.map((p) => p.lat)
	return [Math.min(...lngs) - COUNTY_MARGIN_DEG, Math.min(...lats) - COUNTY_MARGIN_DEG, Math.max(...lngs) + COUNTY_MARGIN_DEG, Math.max(...lats) + COUNTY_MARGIN_DEG]
}

export function geometryBBox(geometry: ParcelGeometry): BBox {
	const box: BBox = [Infinity, Infinity, -Infinity, -Infinity]
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
	for (const polygon of polygons)
		for (const ring of polygon)
			for (const [x, y] of ring) {
				if (x < box[0]) box[0] = x
				if (y < box[1]) box[1] = y
				if (x > box[2]) box[2] = x
				if (y > box[3]) box[3] = y
			}
	return box
}

function isPosition(p: unknown): p is number[] {
	return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1])
}

/** The geometry's shape problems (before the area and the place are checked). */
export function geometryProblem(geometry: unknown): ParcelProblem | null {
	if (!geometry || typeof geometry !== 'object') return 'noGeometry'
	const g = geometry as { type?: unknown; coordinates?: unknown }
	if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return 'notPolygon'
	const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown
	if (!Array.isArray(polygons) || polygons.length === 0) return 'notPolygon'
	for (const polygon of polygons) {
		if (!Array.isArray(polygon) || polygon.length === 0) return 'notPolygon'
		for (const ring of polygon) {
			if (!Array.isArray(ring) || !ring.every(isPosition)) return 'notPolygon'
			if (ring.length < 4) return 'tooFewPoints'
			const first = ring[0]
			const last = ring[ring.length - 1]
			if (first[0] !== last[0] || first[1] !== last[1]) return 'ringOpen'
		}
	}
	if (kinks(g as ParcelGeometry).features.length > 0) return 'selfIntersecting'
	return null
}

export type CheckedParcel = { problems: ParcelProblem[]; computedAreaM2: number; bbox: BBox | null }

/**
 * Checks one feature: its shape, that it lies in the county, its DKBM (format; uniqueness is
 * counted over the whole file by the caller, `duplicateCodes`), that FBFBM agrees with the DKBM,
 * and its area against SCMJ.
 */
export function checkParcel(geometry: unknown, attrs: ParcelAttributes, county: BBox | null, duplicateCodes: ReadonlySet<string>): CheckedParcel {
	const problems: ParcelProblem[] = []
	const shape = geometryProblem(geometry)
	let computedAreaM2 = 0
	let bbox: BBox | null = null
	if (shape) problems.push(shape)
	else {
		const g = geometry as ParcelGeometry
		bbox = geometryBBox(g)
		computedAreaM2 = turfArea(g)
		if (county && (bbox[0] < county[0] || bbox[1] < county[1] || bbox[2] > county[2] || bbox[3] > county[3])) problems.push('outsideCounty')
	}
	if (!attrs.code) problems.push('codeMissing')
	else if (!DKBM.test(attrs.code)) problems.push('codeFormat')
	else {
		if (duplicateCodes.has(attrs.code)) problems.push('codeDuplicate')
		if (attrs.employerCode && attrs.employerCode !== attrs.code.slice(0, 14)) problems.push('employerMismatch')
	}
	if (attrs.surveyedAreaM2 === null || attrs.surveyedAreaM2 <= 0) problems.push('areaMissing')
	else if (!shape && !areaWithinTolerance(computedAreaM2, attrs.surveyedAreaM2)) problems.push('areaMismatch')
	return { problems, computedAreaM2, bbox }
}

/** The codes that occur more than once in a file: every occurrence is refused (which one is right is the surveyor's call). */
export function duplicates(codes: Iterable<string | null>) {
	const seen = new Set<string>()
	const twice = new Set<string>()
	for (const code of codes) {
		if (!code) continue
		if (seen.has(code)) twice.add(code)
		seen.add(code)
	}
	return twice
}

export type VillageRef = { id: string; code: string; townId: string }

/**
 * The village a 发包方编码 belongs to: a village whose own code is that 14-digit code or its
 * 12-digit division code (counties that key villages by 统计用区划代码); else one the
 * administrator chose for it on this import; else the village earlier imports linked it to. The
 * demo villages have word codes ("saiwusu"), so their employer codes are matched by choice.
 */
export function matchVillage(employerCode: string, villages: readonly VillageRef[], chosen: Readonly<Record<string, string>>, learned: ReadonlyMap<string, string>) {
	const byCode = villages.find((v) => v.code === employerCode || (v.code.length === 12 && /^\d{12}$/.test(v.code) && employerCode.startsWith(v.code)))
	if (byCode) return { villageId: byCode.id, how: 'code' as const }
	const pick = chosen[employerCode]
	if (pick && villages.some((v) => v.id === pick)) return { villageId: pick, how: 'chosen' as const }
	const before = learned.get(employerCode)
	if (before && villages.some((v) => v.id === before)) return { villageId: before, how: 'learned' as const }
	return null
}
