import { describe, expect, it } from 'vitest'
import { eastingFits, identifyGeoJsonCrs, identifyPrj, toLngLat, type Crs } from './projection.ts'

// The expected eastings/northings are computed here from Krüger's series for the Transverse
// Mercator (the n-series to n⁴, as in Karney, "Transverse Mercator with an accuracy of a few
// nanometers", 2011, eqs. 7–11, 35): an implementation independent of proj4's, accurate to well
// under a millimetre within a 3° zone. proj4 must bring them back to the same lng/lat.
const GRS80 = { a: 6378137, f: 1 / 298.257222101 }
function krugerForward(lng: number, lat: number, centralMeridian: number, falseEasting: number) {
	const { a, f } = GRS80
	const n = f / (2 - f)
	const A = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64)
	const alpha = [n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16 + (41 * n ** 4) / 180, (13 * n ** 2) / 48 - (3 * n ** 3) / 5 + (557 * n ** 4) / 1440, (61 * n ** 3) / 240 - (103 * n ** 4) / 140, (49561 * n ** 4) / 161280]
	const phi = (lat * Math.PI) / 180
	const lambda = ((lng - centralMeridian) * Math.PI) / 180
	const c = (2 * Math.sqrt(n)) / (1 + n)
	const t = Math.sinh(Math.atanh(Math.sin(phi)) - c * Math.atanh(c * Math.sin(phi)))
	const xi0 = Math.atan2(t, Math.cos(lambda))
	const eta0 = Math.atanh(Math.sin(lambda) / Math.sqrt(1 + t * t))
	let xi = xi0
	let eta = eta0
	alpha.forEach((al, i) => {
		const j = 2 * (i + 1)
		xi += al * Math.sin(j * xi0) * Math.cosh(j * eta0)
		eta += al * Math.cos(j * xi0) * Math.sinh(j * eta0)
	})
	return [falseEasting + A * eta, A * xi]
}

/** Ground distance in metres between two nearby lng/lat points. */
function metres(p: number[], q: number[]) {
	const lat = (p[1] * Math.PI) / 180
	const dx = (q[0] - p[0]) * 111_320 * Math.cos(lat)
	const dy = (q[1] - p[1]) * 110_574
	return Math.hypot(dx, dy)
}

const ZONE_111: Crs = { epsg: 4546, kind: 'projected', centralMeridian: 111, zonePrefix: false }
const ZONE_37: Crs = { epsg: 4525, kind: 'projected', centralMeridian: 111, zonePrefix: true }
// Around Dalad Banner: the banner seat, a village in the west, a point in the Kubuqi, one 1.5° off the CM.
const PLACES = [
	[110.03, 40.4],
	[109.12, 40.44],
	[109.86, 40.17],
	[109.5, 39.9],
]

describe('CGCS2000 Gauss-Krüger to geographic', () => {
	it('Krüger series sanity: on the central meridian at the equator the point is (500000, 0)', () => {
		expect(krugerForward(111, 0, 111, 500_000)).toEqual([500_000, 0])
	})

	it('EPSG:4546 (CM 111°E, no prefix) converts within 0.1 m', () => {
		const convert = toLngLat(ZONE_111)
		for (const place of PLACES) {
			const [e, n] = krugerForward(place[0], place[1], 111, 500_000)
			expect(metres(convert([e, n]), place)).toBeLessThan(0.1)
		}
	})

	it('EPSG:4525 (zone 37, prefix) converts within 0.1 m, the same point as 4546', () => {
		const prefixed = toLngLat(ZONE_37)
		const plain = toLngLat(ZONE_111)
		for (const place of PLACES) {
			const [e, n] = krugerForward(place[0], place[1], 111, 37_500_000)
			expect(e).toBeGreaterThan(37_000_000)
			expect(metres(prefixed([e, n]), place)).toBeLessThan(0.1)
			expect(metres(prefixed([e, n]), plain([e - 37_000_000, n]))).toBeLessThan(0.001)
		}
	})

	it('EPSG:4545 (CM 108°E) converts a point west of the banner', () => {
		const crs: Crs = { epsg: 4545, kind: 'projected', centralMeridian: 108, zonePrefix: false }
		const [e, n] = krugerForward(108.9, 40.1, 108, 500_000)
		expect(metres(toLngLat(crs)([e, n]), [108.9, 40.1])).toBeLessThan(0.1)
	})
})

const ESRI_CM_111 = `PROJCS["CGCS2000_3_Degree_GK_CM_111E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
const ESRI_ZONE_37 = ESRI_CM_111.replace('GK_CM_111E', 'GK_Zone_37').replace('"False_Easting",500000.0', '"False_Easting",37500000.0')
const OGC_4545 = `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 108E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",108],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4545"]]`

describe('identifyPrj', () => {
	it('reads ESRI WKT without AUTHORITY by its parameters', () => {
		expect(identifyPrj(ESRI_CM_111)).toEqual({ crs: ZONE_111 })
		expect(identifyPrj(ESRI_ZONE_37)).toEqual({ crs: ZONE_37 })
	})
	it('reads the outermost EPSG AUTHORITY', () => {
		expect(identifyPrj(OGC_4545)).toMatchObject({ crs: { epsg: 4545, centralMeridian: 108 } })
	})
	it('accepts geographic CGCS2000 and WGS-84', () => {
		expect(identifyPrj('GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]]]')).toEqual({ crs: { epsg: 4490, kind: 'geographic' } })
		expect(identifyPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]')).toEqual({ crs: { epsg: 4326, kind: 'geographic' } })
	})
	it('refuses no .prj, garbage and unsupported projections, naming what it found', () => {
		expect(identifyPrj(null)).toEqual({ problem: { code: 'noPrj' } })
		expect(identifyPrj('this is not WKT')).toEqual({ problem: { code: 'unreadablePrj', found: 'this is not WKT' } })
		const xian80 = ESRI_CM_111.replace('CGCS2000_3_Degree_GK_CM_111E', 'Xian_1980_3_Degree_GK_CM_111E').replace(/China_Geodetic_Coordinate_System_2000|China_2000|CGCS2000/g, 'Xian_1980')
		expect(identifyPrj(xian80)).toEqual({ problem: { code: 'unsupportedCrs', found: 'Xian_1980_3_Degree_GK_CM_111E' } })
		expect(identifyPrj(OGC_4545.replace('AUTHORITY["EPSG","4545"]]', 'AUTHORITY["EPSG","32649"]]'))).toMatchObject({ problem: { code: 'unsupportedCrs', found: expect.stringContaining('EPSG:32649') } })
	})
})

describe('eastingFits', () => {
	it('refuses a prefixed easting in a no-prefix CRS and the other way round', () => {
		expect(eastingFits(ZONE_111, 420_000, 4_470_000)).toBe(true)
		expect(eastingFits(ZONE_111, 37_420_000, 4_470_000)).toBe(false)
		expect(eastingFits(ZONE_37, 37_420_000, 4_470_000)).toBe(true)
		expect(eastingFits(ZONE_37, 420_000, 4_470_000)).toBe(false)
		expect(eastingFits({ epsg: 4326, kind: 'geographic' }, 420_000, 4_470_000)).toBe(false)
	})
})

describe('identifyGeoJsonCrs', () => {
	it('assumes geographic without a crs member, reads EPSG names, refuses others', () => {
		expect(identifyGeoJsonCrs(undefined)).toEqual({ crs: { epsg: 4326, kind: 'geographic' } })
		expect(identifyGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4546' } })).toEqual({ crs: ZONE_111 })
		expect(identifyGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } })).toEqual({ crs: { epsg: 4326, kind: 'geographic' } })
		expect(identifyGeoJsonCrs({ type: 'name', properties: { name: 'EPSG:3857' } })).toMatchObject({ problem: { code: 'unsupportedCrs' } })
	})
})
