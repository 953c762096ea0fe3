// The parcel file readers on generated in-memory inputs: the refusals (zip bomb, path traversal,
// too many entries, several layers, no .prj, row counts that disagree, too many vertices, KML
// entities) and the happy paths (GBK and UTF-8 attributes, both GK zone forms, GeoJSON, KML).
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DK_FIELDS, PRJ_4525, PRJ_4546, sampleParcels, shapefileZip, zipFiles } from '../../../scripts/fixtures/parcel-files.ts'
import { writeDbf, writeShapefile } from '../../../scripts/fixtures/shapefile-writer.ts'
import { readParcelFile } from './read.server.ts'
import { PARCEL_LIMITS, type RefusalCode } from './refusal.server.ts'

async function refusal(promise: Promise<unknown>): Promise<{ code: RefusalCode; params: Record<string, unknown> }> {
	try {
		await promise
	} catch (error) {
		const e = error as { code: RefusalCode; params: Record<string, unknown>; name: string }
		if (e.name === 'ImportRefusal') return { code: e.code, params: e.params }
		throw error
	}
	throw new Error('not refused')
}

describe('zipped shapefiles', () => {
	it('reads the GBK sample in EPSG:4546: Chinese names intact, 12 rows', async () => {
		const source = await readParcelFile('a.zip', fs.readFileSync('tests/fixtures/imports/parcels-4546.zip'))
		expect(source.crs.epsg).toBe(4546)
		expect(source.encoding).toBe('gb18030')
		expect(source.features).toHaveLength(12)
		expect(source.features[0].properties.DKMC).toBe('新胜村河滩地1号')
		expect(source.features[0].properties.ZJRXM).toBe('王建军')
		expect(source.features[11].row).toBe(12)
	})
	it('reads UTF-8 attributes when the .cpg says so', async () => {
		const source = await readParcelFile('a.zip', await shapefileZip(sampleParcels(1), { cpg: 'UTF-8', encoding: 'utf8' }))
		expect(source.features[0].properties.DKMC).toBe('新胜村河滩地1号')
	})
	it('reads the zone-37 (prefixed) form', async () => {
		const source = await readParcelFile('a.zip', await shapefileZip(sampleParcels(1), { prj: PRJ_4525, shift: 37_000_000 }))
		expect(source.crs).toMatchObject({ epsg: 4525, zonePrefix: true })
	})
	it('refuses a missing .prj and names an unsupported one', async () => {
		expect(await refusal(readParcelFile('a.zip', await shapefileZip(sampleParcels(1), { prj: null })))).toEqual({ code: 'noPrj', params: {} })
		expect((await refusal(readParcelFile('a.zip', fs.readFileSync('tests/fixtures/imports/broken-prj.zip')))).code).toBe('unreadablePrj')
	})
	it('refuses a .dbf whose row count disagrees with the .shp', async () => {
		const parcels = sampleParcels(3)
		const { shp, shx } = writeShapefile(parcels.map((p) => ({ rings: [p.ring], values: p.values })), DK_FIELDS)
		const dbf = writeDbf(parcels.slice(0, 2).map((p) => p.values), DK_FIELDS)
		const zip = await zipFiles({ 'a.shp': shp, 'a.shx': shx, 'a.dbf': dbf, 'a.prj': PRJ_4546 })
		expect(await refusal(readParcelFile('a.zip', zip))).toMatchObject({ code: 'rowCountMismatch', params: { shp: 6, dbf: 2 } })
	})
	it('refuses too many vertices from the index, before reading any geometry', async () => {
		const zip = await shapefileZip(sampleParcels(6))
		expect(await refusal(readParcelFile('a.zip', zip, { ...PARCEL_LIMITS, vertices: 50 }))).toMatchObject({ code: 'tooManyVertices', params: { max: 50 } })
	})
	it('refuses several layers, no layer, and too many entries', async () => {
		const one = await shapefileZip(sampleParcels(1))
		const two = await zipFiles({ 'a.shp': Buffer.alloc(100), 'b.shp': Buffer.alloc(100) })
		expect(await refusal(readParcelFile('a.zip', two))).toMatchObject({ code: 'severalLayers', params: { names: 'a, b' } })
		expect((await refusal(readParcelFile('a.zip', await zipFiles({ 'readme.txt': 'x' })))).code).toBe('noShapefile')
		expect((await refusal(readParcelFile('a.zip', one, { ...PARCEL_LIMITS, zipEntries: 2 }))).code).toBe('zipTooManyEntries')
		expect((await refusal(readParcelFile('a.zip', Buffer.from('not a zip')))).code).toBe('zipUnreadable')
	})
	it('refuses a path that climbs out of the archive', async () => {
		// yazl will not write "../", so the name is patched in place (same length, both headers).
		const zip = await zipFiles({ 'zz/zz/x.shp': Buffer.alloc(100) })
		const patched = Buffer.from(zip.toString('latin1').replaceAll('zz/zz/x.shp', '../../x.shp'), 'latin1')
		expect(await refusal(readParcelFile('a.zip', patched))).toEqual({ code: 'zipPathUnsafe', params: { name: '../../x.shp' } })
	})
	it('refuses a zip bomb from its declared sizes, before inflating', async () => {
		const zip = await zipFiles({ 'a.shp': Buffer.alloc(30 * 1024 * 1024), 'a.shx': Buffer.alloc(100), 'a.dbf': Buffer.alloc(100) })
		expect(zip.length).toBeLessThan(100_000)
		expect((await refusal(readParcelFile('a.zip', zip))).code).toBe('zipBomb')
		// Over the inflated cap, even at a plausible ratio.
		expect((await refusal(readParcelFile('a.zip', await shapefileZip(sampleParcels(2)), { ...PARCEL_LIMITS, inflatedBytes: 500 }))).code).toBe('zipTooLarge')
	})
})

describe('GeoJSON and KML', () => {
	it('reads the GeoJSON sample as geographic', async () => {
		const source = await readParcelFile('p.geojson', fs.readFileSync('tests/fixtures/imports/parcels.geojson'))
		expect(source.crs.epsg).toBe(4326)
		expect(source.features).toHaveLength(12)
		expect(source.columns).toContain('DKBM')
	})
	it('refuses what is not a FeatureCollection, and an unknown crs', async () => {
		expect((await refusal(readParcelFile('p.json', Buffer.from('{"type":"Feature"}')))).code).toBe('geojsonUnreadable')
		expect((await refusal(readParcelFile('p.json', Buffer.from('{"type":"FeatureCollection","features":[],"crs":{"type":"name","properties":{"name":"EPSG:3857"}}}')))).code).toBe('unsupportedCrs')
	})
	const kml = (body: string, prolog = '') =>
		Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${prolog}<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`)
	it('reads KML polygons with their data', async () => {
		const source = await readParcelFile(
			'p.kml',
			kml('<Placemark><name>河滩地</name><ExtendedData><Data name="DKBM"><value>1506211002010100001</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>110.02,40.36 110.021,40.36 110.021,40.361 110.02,40.36</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>'),
		)
		expect(source.features).toHaveLength(1)
		expect(source.features[0].properties).toMatchObject({ name: '河滩地', DKBM: '1506211002010100001' })
		expect(source.features[0].geometry).toMatchObject({ type: 'Polygon' })
	})
	it('refuses DOCTYPE and entity declarations (external entities, billion laughs)', async () => {
		expect((await refusal(readParcelFile('p.kml', kml('<name>&xxe;</name>', '<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')))).code).toBe('kmlEntities')
		expect((await refusal(readParcelFile('p.kml', kml('', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>')))).code).toBe('kmlEntities')
		expect((await refusal(readParcelFile('p.kml', Buffer.from('<kml><Document>')))).code).toBe('kmlUnreadable')
	})
	it('refuses other file types', async () => {
		expect(await refusal(readParcelFile('p.xlsx', Buffer.from('x')))).toEqual({ code: 'unknownFormat', params: { name: 'p.xlsx' } })
	})
})
