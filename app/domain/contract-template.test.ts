import { describe, expect, it } from 'vitest'
import { BLANK, contractNumber, fillTemplate, PLACEHOLDERS, templateKindFor, templateProblems, TEMPLATE_KINDS, yuanInCapitals, type ContractValues } from './contract-template.ts'
import { BUILT_IN_TEMPLATES } from './contract-texts.ts'
import { nextFilingSerial } from './filing.ts'

const values = (over: Partial<ContractValues> = {}): ContractValues => ({
	...(Object.fromEntries(PLACEHOLDERS.map((p) => [p, null])) as unknown as ContractValues),
	parcels: [],
	...over,
})

describe('templateKindFor', () => {
	it('gives land its template by transfer mode, farmhouses their lease, assets lease or transfer', () => {
		expect(templateKindFor('LAND', 'LEASE')).toBe('LAND_LEASE')
		expect(templateKindFor('LAND', 'SUBCONTRACT')).toBe('LAND_LEASE')
		expect(templateKindFor('LAND', 'SHARE')).toBe('LAND_SHARE')
		expect(templateKindFor('LAND', 'COOPERATION')).toBe('LAND_SHARE')
		expect(templateKindFor('LAND', 'TRANSFER')).toBe('LAND_TRANSFER')
		expect(templateKindFor('FARMHOUSE', 'LEASE')).toBe('HOUSE_LEASE')
		expect(templateKindFor('FARMHOUSE', 'COOPERATION')).toBe('HOUSE_LEASE')
		expect(templateKindFor('COLLECTIVE_ASSET', 'LEASE')).toBe('ASSET_LEASE')
		expect(templateKindFor('COLLECTIVE_ASSET', 'TRANSFER')).toBe('ASSET_TRANSFER')
	})
})

describe('templateProblems', () => {
	it('accepts every built-in text', () => {
		for (const kind of TEMPLATE_KINDS) expect(templateProblems(BUILT_IN_TEMPLATES[kind].title, BUILT_IN_TEMPLATES[kind].body), kind).toEqual([])
	})

	it('names the placeholders that do not exist, once each', () => {
		expect(templateProblems('合同', '甲方：{{village}}，乙方：{{buyer}}，{{ buyer }}，{{deposit}}')).toEqual([{ code: 'unknownPlaceholder', names: ['buyer', 'deposit'] }])
	})

	it('refuses loose braces, an inline parcel table, an empty or long title, an empty text', () => {
		expect(templateProblems('合同', '甲方：{{village')).toContainEqual({ code: 'unclosed' })
		expect(templateProblems('合同', '甲方 }} 乙方')).toContainEqual({ code: 'unclosed' })
		expect(templateProblems('合同', '地块如下：{{parcels}}')).toEqual([{ code: 'parcelsInline' }])
		expect(templateProblems('合同', '地块如下：\n  {{parcels}}  \n')).toEqual([])
		expect(templateProblems(' ', '正文')).toEqual([{ code: 'titleRequired' }])
		expect(templateProblems('合'.repeat(61), '正文')).toEqual([{ code: 'titleTooLong' }])
		expect(templateProblems('合同', '  \n ')).toEqual([{ code: 'bodyRequired' }])
	})
})

describe('fillTemplate', () => {
	it('fills placeholders, prints a blank for what is unknown, numbers the clauses and places the parcel table', () => {
		const parcels = [{ code: '1506211022030000001', name: '北地', areaMu: 12.5, east: '路', south: null, west: null, north: null }]
		const blocks = fillTemplate('{{title}}出租合同', '合同编号：{{contractNo}}\n乙方：{{transferee}}\n\n## 流转土地\n{{parcels}}\n## 第九条 自定\n正文', values({ title: '北地', contractNo: 'DLT-HT-VA-2026-00001', parcels }))
		expect(blocks).toEqual([
			{ kind: 'title', text: '北地出租合同' },
			{ kind: 'paragraph', text: `合同编号：DLT-HT-VA-2026-00001\n乙方：${BLANK}` },
			{ kind: 'heading', text: '第一条　流转土地' },
			{ kind: 'parcels', parcels },
			{ kind: 'heading', text: '第九条 自定' },
			{ kind: 'paragraph', text: '正文' },
		])
	})

	it('leaves no placeholder in any built-in text', () => {
		const full = values(Object.fromEntries(PLACEHOLDERS.filter((p) => p !== 'parcels').map((p) => [p, `<${p}>`])))
		for (const kind of TEMPLATE_KINDS) {
			const text = JSON.stringify(fillTemplate(BUILT_IN_TEMPLATES[kind].title, BUILT_IN_TEMPLATES[kind].body, full))
			expect(text, kind).not.toMatch(/\{\{|\}\}/)
			expect(text, kind).toContain('<contractNo>')
			expect(text, kind).toContain('<transferee>')
			expect(text, kind).toContain('<totalValueUpper>')
		}
	})
})

describe('money and numbers', () => {
	it('writes yuan in capital figures, 整 for whole yuan', () => {
		expect(yuanInCapitals(50400)).toBe('伍万零肆佰元整')
		expect(yuanInCapitals(1234.5)).toBe('壹仟贰佰叁拾肆元伍角')
		expect(yuanInCapitals(0.06)).toBe('陆分')
	})

	it('numbers contracts by village and year, the serial counting on from the highest', () => {
		expect(contractNumber('DLT', 'saiwusu', 2026, 1)).toBe('DLT-HT-SAIWUSU-2026-00001')
		expect(contractNumber('DLT', 'va', 2026, nextFilingSerial('DLT-HT-VA-2026-00041'))).toBe('DLT-HT-VA-2026-00042')
	})
})
