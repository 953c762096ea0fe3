// Reads an uploaded parcel file (zipped shapefile, GeoJSON or KML) into features in the file's own
// coordinate system, with its CRS, columns and 1-based row numbers. Every limit is checked before
// the costly step it protects; a file over one is refused (ImportRefusal), never half read.
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { kml as kmlToGeoJson } from '@tmcw/togeojson'
import { DOMParser } from '@xmldom/xmldom'
import * as shapefile from 'shapefile'
import type { Cell } from '~/domain/parcel-fields.ts'
import { identifyGeoJsonCrs, identifyPrj, type Crs } from '~/domain/projection.ts'
import { dbfEncoding, readDbf } from './dbf.server.ts'
import { ImportRefusal, PARCEL_LIMITS } from './refusal.server.ts'
import { readZipLayer, type LayerFiles } from './zip.server.ts'

export type SourceFeature = { row: number; geometry: unknown; properties: Record<string, Cell> }
export type ParcelSource = { format: 'shapefile' | 'geojson' | 'kml'; crs: Crs; columns: string[]; features: SourceFeature[]; encoding: string | null }

export type FileKind = 'zip' | 'geojson' | 'kml'
export function fileKind(fileName: string): FileKind | null {
	const ext = fileName.toLowerCase().split('.').at(-1)
	if (ext === 'zip') return 'zip'
	if (ext === 'geojson' || ext === 'json') return 'geojson'
	if (ext === 'kml') return 'kml'
	return null
}

export async function readParcelFile(fileName: string, bytes: Buffer, limits = PARCEL_LIMITS): Promise<ParcelSource> {
	const kind = fileKind(fileName)
	if (kind === 'zip') return readShapefile(await readZipLayer(bytes, limits), limits)
	if (kind !== null && bytes.length > limits.textBytes) throw new ImportRefusal('fileTooLarge', { max: Math.round(limits.textBytes / 1024 / 1024) })
	if (kind === 'geojson') return readGeoJson(bytes.toString('utf8'), limits)
	if (kind === 'kml') return readKml(bytes.toString('utf8'), limits)
	throw new ImportRefusal('unknownFormat', { name: fileName.slice(0, 100) })
}

function countVertices(geometry: unknown): number {
	const g = geometry as { type?: string; coordinates?: unknown; geometries?: unknown[] } | null
	if (!g) return 0
	if (g.type === 'GeometryCollection') return (g.geometries ?? []).reduce<number>((s, x) => s + countVertices(x), 0)
	const walk = (c: unknown): number => (Array.isArray(c) ? (typeof c[0] === 'number' ? 1 : c.reduce<number>((s, x) => s + walk(x), 0)) : 0)
	return walk(g.coordinates)
}

function vertexCap(limits: typeof PARCEL_LIMITS) {
	let total = 0
	return (geometry: unknown, row: number) => {
		total += countVertices(geometry)
		if (total > limits.vertices) throw new ImportRefusal('tooManyVertices', { max: limits.vertices, row })
	}
}

export async function readShapefile(layer: LayerFiles, limits = PARCEL_LIMITS): Promise<ParcelSource> {
	if (!layer.shx) throw new ImportRefusal('missingPart', { part: '.shx' })
	if (!layer.dbf) throw new ImportRefusal('missingPart', { part: '.dbf' })
	const prj = identifyPrj(layer.prj)
	if ('problem' in prj) throw new ImportRefusal(prj.problem.code, 'found' in prj.problem ? { found: prj.problem.found } : {})
	const encoding = dbfEncoding(layer.cpg)
	const dbf = readDbf(layer.dbf, encoding)
	if (layer.shx.length < 100 || (layer.shx.length - 100) % 8 !== 0) throw new ImportRefusal('shpUnreadable')
	const records = (layer.shx.length - 100) / 8
	if (records !== dbf.count) throw new ImportRefusal('rowCountMismatch', { shp: records, dbf: dbf.count })
	if (records > limits.features) throw new ImportRefusal('tooManyFeatures', { max: limits.features })
	// The index holds each record's length: the vertex count is known before any geometry is read
	// (a polygon record is 44 bytes + 4 a part + 16 a point).
	let upperBound = 0
	for (let i = 0; i < records; i++) upperBound += Math.max(0, (layer.shx.readInt32BE(100 + i * 8 + 4) * 2 - 44) / 16)
	if (upperBound > limits.vertices * 1.05) throw new ImportRefusal('tooManyVertices', { max: limits.vertices, row: 0 })
	const check = vertexCap(limits)
	const features: SourceFeature[] = []
	let source
	try {
		source = await shapefile.openShp(layer.shp)
	} catch {
		throw new ImportRefusal('shpUnreadable')
	}
	for (let row = 1; ; row++) {
		let next
		try {
			next = await source.read()
		} catch {
			throw new ImportRefusal('shpUnreadable', { row })
		}
		if (next.done) break
		if (row > records) throw new ImportRefusal('rowCountMismatch', { shp: row, dbf: dbf.count })
		check(next.value, row)
		features.push({ row, geometry: next.value, properties: dbf.row(row - 1) })
		if (row % 2000 === 0) await yieldToLoop()
	}
	if (features.length !== records) throw new ImportRefusal('rowCountMismatch', { shp: features.length, dbf: dbf.count })
	return { format: 'shapefile', crs: prj.crs, columns: dbf.columns, features, encoding }
}

function properties(value: unknown): Record<string, Cell> {
	const out: Record<string, Cell> = {}
	if (!value || typeof value !== 'object') return out
	for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null
	return out
}

function columnsOf(features: SourceFeature[]) {
	const columns = new Set<string>()
	for (const f of features) for (const k of Object.keys(f.properties)) columns.add(k)
	return [...columns]
}

export async function readGeoJson(text: string, limits = PARCEL_LIMITS): Promise<ParcelSource> {
	let doc: { type?: unknown; features?: unknown; crs?: unknown }
	try {
		doc = JSON.parse(text.replace(/^\uFEFF/, ''))
	} catch {
		throw new ImportRefusal('geojsonUnreadable')
	}
	if (!doc || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new ImportRefusal('geojsonUnreadable')
	const crs = identifyGeoJsonCrs(doc.crs)
	if ('problem' in crs) throw new ImportRefusal('unsupportedCrs', { found: 'found' in crs.problem ? crs.problem.found : '' })
	if (doc.features.length > limits.features) throw new ImportRefusal('tooManyFeatures', { max: limits.features })
	const check = vertexCap(limits)
	const features = (doc.features as { geometry?: unknown; properties?: unknown }[]).map((f, i) => {
		check(f?.geometry, i + 1)
		return { row: i + 1, geometry: f?.geometry ?? null, properties: properties(f?.properties) }
	})
	return { format: 'geojson', crs: crs.crs, columns: columnsOf(features), features, encoding: null }
}

/** KML's MultiGeometry of polygons arrives as a GeometryCollection: one MultiPolygon. */
function kmlGeometry(g: unknown): unknown {
	const c = g as { type?: string; geometries?: { type?: string; coordinates?: unknown }[] } | null
	if (c?.type === 'GeometryCollection' && c.geometries?.every((x) => x.type === 'Polygon')) {
		return { type: 'MultiPolygon', coordinates: c.geometries.map((x) => x.coordinates) }
	}
	return g
}

export async function readKml(text: string, limits = PARCEL_LIMITS): Promise<ParcelSource> {
	// A DOCTYPE is how external entities and entity expansion (billion laughs) get in; KML needs none.
	if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ImportRefusal('kmlEntities')
	let features: SourceFeature[]
	try {
		let fatal = false
		const doc = new DOMParser({ onError: (level) => void (level === 'fatalError' && (fatal = true)) }).parseFromString(text, 'text/xml')
		if (fatal || !doc.documentElement) throw new Error('unparsable')
		features = kmlToGeoJson(doc).features.map((f, i) => ({ row: i + 1, geometry: kmlGeometry(f.geometry), properties: properties(f.properties) }))
	} catch {
		throw new ImportRefusal('kmlUnreadable')
	}
	if (features.length > limits.features) throw new ImportRefusal('tooManyFeatures', { max: limits.features })
	const check = vertexCap(limits)
	for (const f of features) check(f.geometry, f.row)
	// KML is WGS-84 lng/lat by definition.
	return { format: 'kml', crs: { epsg: 4326, kind: 'geographic' }, columns: columnsOf(features).filter((c) => !['styleUrl', 'stroke', 'fill', 'styleHash', 'styleMapHash'].includes(c)), features, encoding: null }
}
