// Turns a read parcel file into the rows a commit writes and the report the preview shows: each
// feature reprojected to lng/lat, mapped (NY/T 2539 fields or the administrator's mapping), checked
// (app/domain/parcel-validation.ts) and matched to a village. Runs in bounded chunks that yield to
// the event loop, so the server keeps answering other requests while a 50,000-parcel file is read.
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { readAttributes, resolveMapping, type FieldMapping, type ParcelField } from '~/domain/parcel-fields.ts'
import { checkParcel, duplicates, matchVillage, type BBox, type ParcelGeometry, type ParcelProblem, type VillageRef } from '~/domain/parcel-validation.ts'
import { eastingFits, toLngLat } from '~/domain/projection.ts'
import type { ParcelSource } from './read.server.ts'
import { ImportRefusal } from './refusal.server.ts'

/** What the administrator chose on the preview page; stored as the import's `mapping`. */
export type ImportChoices = { fields: Partial<Record<ParcelField, string | null>> | null; villages: Record<string, string> }
export const NO_CHOICES: ImportChoices = { fields: null, villages: {} }

export type ParcelRow = {
	code: string
	name: string | null
	townId: string
	villageId: string | null
	employerCode: string
	contractorCode: string | null
	parcelClass: string | null
	landUse: string | null
	grade: string | null
	basicFarmland: boolean | null
	surveyedAreaM2: number
	surveyedAreaMu: number
	computedAreaM2: number
	east: string | null
	south: string | null
	west: string | null
	north: string | null
	surveyorName: string | null
	remark: string | null
	geometry: string
	minLng: number
	minLat: number
	maxLng: number
	maxLat: number
}

export type ImportContext = { villages: (VillageRef & { name: string; nameEn: string })[]; county: BBox | null; learned: Map<string, string> }
export type RowError = { row: number; code: string | null; problems: ParcelProblem[] }
export type VillageMatch = { employerCode: string; count: number; villageId: string | null; how: 'code' | 'chosen' | 'learned' | null }

export const ERRORS_SHOWN = 50
export const OUTLINES_SHOWN = 300

export type Analysis = {
	mapping: FieldMapping
	total: number
	rows: ParcelRow[]
	invalid: number
	errors: RowError[]
	problemCounts: Partial<Record<ParcelProblem, number>>
	villages: VillageMatch[]
	bbox: BBox | null
}

const round = (n: number) => Math.round(n * 1e8) / 1e8

function reproject(geometry: unknown, convert: (xy: number[]) => [number, number]): unknown {
	const g = geometry as { type?: string; coordinates?: unknown }
	const walk = (c: unknown): unknown => (Array.isArray(c) ? (typeof c[0] === 'number' ? convert(c as number[]).map(round) : c.map(walk)) : c)
	return g && Array.isArray(g.coordinates) ? { type: g.type, coordinates: walk(g.coordinates) } : geometry
}

function firstPosition(geometry: unknown): number[] | null {
	let c = (geometry as { coordinates?: unknown } | null)?.coordinates
	while (Array.isArray(c) && Array.isArray(c[0])) c = c[0]
	return Array.isArray(c) && typeof c[0] === 'number' ? (c as number[]) : null
}

export async function analyse(source: ParcelSource, context: ImportContext, choices: ImportChoices, onProgress?: (done: number) => Promise<void>): Promise<Analysis> {
	const mapping = resolveMapping(source.columns, choices.fields)
	const convert = toLngLat(source.crs)
	const attributes = source.features.map((f) => readAttributes(f.properties, mapping))
	const twice = duplicates(attributes.map((a) => a.code))
	const villageOf = new Map(context.villages.map((v) => [v.id, v]))
	const byEmployer = new Map<string, VillageMatch>()
	const rows: ParcelRow[] = []
	const errors: RowError[] = []
	const problemCounts: Partial<Record<ParcelProblem, number>> = {}
	const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity]
	let invalid = 0
	for (let i = 0; i < source.features.length; i++) {
		const feature = source.features[i]
		const attrs = attributes[i]
		// A projected file whose eastings do not fit its .prj (37xxxxxx in a no-prefix zone) is the wrong .prj: the whole file is refused.
		const first = firstPosition(feature.geometry)
		if (first && !eastingFits(source.crs, first[0], first[1])) throw new ImportRefusal('eastingOutOfZone', { row: feature.row, found: Math.round(first[0]), epsg: source.crs.epsg })
		const geometry = reproject(feature.geometry, convert)
		const checked = checkParcel(geometry, attrs, context.county, twice)
		if (checked.problems.length > 0 || !attrs.code || attrs.surveyedAreaM2 === null || !checked.bbox) {
			invalid++
			for (const p of checked.problems) problemCounts[p] = (problemCounts[p] ?? 0) + 1
			if (errors.length < ERRORS_SHOWN) errors.push({ row: feature.row, code: attrs.code, problems: checked.problems })
		} else {
			const employerCode = attrs.employerCode ?? attrs.code.slice(0, 14)
			let match = byEmployer.get(employerCode)
			if (!match) {
				const found = matchVillage(employerCode, context.villages, choices.villages, context.learned)
				match = { employerCode, count: 0, villageId: found?.villageId ?? null, how: found?.how ?? null }
				byEmployer.set(employerCode, match)
			}
			match.count++
			const box = checked.bbox
			bbox[0] = Math.min(bbox[0], box[0])
			bbox[1] = Math.min(bbox[1], box[1])
			bbox[2] = Math.max(bbox[2], box[2])
			bbox[3] = Math.max(bbox[3], box[3])
			const village = match.villageId ? villageOf.get(match.villageId) : undefined
			rows.push({
				code: attrs.code,
				name: attrs.name,
				townId: village?.townId ?? '',
				villageId: village?.id ?? null,
				employerCode,
				contractorCode: attrs.contractorCode,
				parcelClass: attrs.parcelClass,
				landUse: attrs.landUse,
				grade: attrs.grade,
				basicFarmland: attrs.basicFarmland,
				surveyedAreaM2: attrs.surveyedAreaM2,
				surveyedAreaMu: attrs.surveyedAreaMu ?? 0,
				computedAreaM2: Math.round(checked.computedAreaM2 * 100) / 100,
				east: attrs.east,
				south: attrs.south,
				west: attrs.west,
				north: attrs.north,
				surveyorName: attrs.surveyorName,
				remark: attrs.remark,
				geometry: JSON.stringify(geometry as ParcelGeometry),
				minLng: box[0],
				minLat: box[1],
				maxLng: box[2],
				maxLat: box[3],
			})
		}
		if (i % 1000 === 999) {
			await onProgress?.(i + 1)
			await yieldToLoop()
		}
	}
	return {
		mapping,
		total: source.features.length,
		rows,
		invalid,
		errors,
		problemCounts,
		villages: [...byEmployer.values()].sort((a, b) => a.employerCode.localeCompare(b.employerCode)),
		bbox: rows.length ? bbox : null,
	}
}

/** A few outlines for the preview map, thinned to at most 40 points a ring (it only has to show where). */
export function outlines(rows: ParcelRow[], max = OUTLINES_SHOWN): number[][][][] {
	return rows.slice(0, max).map((r) => {
		const g = JSON.parse(r.geometry) as ParcelGeometry
		const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
		return polygons.map((p) => {
			const ring = p[0]
			const step = Math.ceil(ring.length / 40)
			return step <= 1 ? ring : ring.filter((_, i) => i % step === 0 || i === ring.length - 1)
		})
	})
}
