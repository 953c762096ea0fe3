import { describe, expect, it } from 'vitest'
import { autoMapping, readAttributes, readYesNo, resolveMapping } from './parcel-fields.ts'

describe('autoMapping', () => {
	it('maps the NY/T 2539 names case-insensitively', () => {
		const m = autoMapping(['dkbm', 'DKMC', 'Dklb', 'TDLYLX', 'DLDJ', 'SFJBNT', 'SCMJ', 'SCMJM', 'DKDZ', 'DKNZ', 'DKXZ', 'DKBZ', 'ZJRXM', 'CBFBM', 'FBFBM', 'DKBZXX'])
		expect(m).toEqual({
			code: 'dkbm',
			name: 'DKMC',
			employerCode: 'FBFBM',
			contractorCode: 'CBFBM',
			parcelClass: 'Dklb',
			landUse: 'TDLYLX',
			grade: 'DLDJ',
			basicFarmland: 'SFJBNT',
			surveyedAreaM2: 'SCMJ',
			surveyedAreaMu: 'SCMJM',
			east: 'DKDZ',
			south: 'DKNZ',
			west: 'DKXZ',
			north: 'DKBZ',
			surveyorName: 'ZJRXM',
			remark: 'DKBZXX',
		})
	})
	it('maps Chinese headers and variants, and leaves the rest unmapped', () => {
		const m = autoMapping(['地块编码', '地块名称', '实测面积', '东至', 'OBJECTID'])
		expect(m.code).toBe('地块编码')
		expect(m.name).toBe('地块名称')
		expect(m.surveyedAreaM2).toBe('实测面积')
		expect(m.east).toBe('东至')
		expect(m.surveyedAreaMu).toBeNull()
		expect(Object.values(m)).not.toContain('OBJECTID')
	})
})

describe('resolveMapping', () => {
	it('applies the administrator’s choice over the automatic one, ignoring columns not in the file', () => {
		const columns = ['BM', 'AREA', 'DKMC']
		expect(resolveMapping(columns, null).code).toBeNull()
		const m = resolveMapping(columns, { code: 'BM', surveyedAreaM2: 'AREA', name: null, east: 'NOPE' })
		expect(m.code).toBe('BM')
		expect(m.surveyedAreaM2).toBe('AREA')
		expect(m.name).toBeNull()
		expect(m.east).toBeNull()
	})
})

describe('readAttributes', () => {
	it('reads text, numbers, the yes/no flag and derives SCMJM from SCMJ', () => {
		const m = autoMapping(['DKBM', 'DKMC', 'SCMJ', 'SFJBNT', 'DKDZ'])
		const a = readAttributes({ DKBM: ' 1506211001010000101 ', DKMC: '河滩地', SCMJ: '1333.34', SFJBNT: '1', DKDZ: '' }, m)
		expect(a.code).toBe('1506211001010000101')
		expect(a.name).toBe('河滩地')
		expect(a.surveyedAreaM2).toBeCloseTo(1333.34)
		expect(a.surveyedAreaMu).toBe(2)
		expect(a.basicFarmland).toBe(true)
		expect(a.east).toBeNull()
	})
	it('keeps a numeric code whole and refuses an unsafe one', () => {
		const m = autoMapping(['DKBM'])
		expect(readAttributes({ DKBM: 15062110010 }, m).code).toBe('15062110010')
		expect(readAttributes({ DKBM: Number('1506211001010000101') }, m).code).toBeNull()
	})
	it('reads SFJBNT codes and words', () => {
		expect(readYesNo('2')).toBe(false)
		expect(readYesNo('是')).toBe(true)
		expect(readYesNo('否')).toBe(false)
		expect(readYesNo('maybe')).toBeNull()
	})
})
