import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { TemplateSchema } from './contract-template-form.ts'

function parse(body: string) {
	const form = new FormData()
	for (const [k, v] of Object.entries({ intent: 'save', kind: 'ASSET_TRANSFER', title: '集体资产转让合同', body })) form.set(k, v)
	return parseWithZod(form, { schema: TemplateSchema })
}
const bodyErrors = (body: string) => {
	const result = parse(body)
	return result.status === 'error' ? result.error?.body : undefined
}

describe('TemplateSchema', () => {
	it('takes a text whose placeholders are all known', () => {
		expect(parse('合同编号：{{contractNo}}\n\n{{parcels}}\n乙方：{{transferee}}').status).toBe('success')
	})

	it('refuses unknown placeholders, naming them, where the browser can show it at once', () => {
		expect(bodyErrors('合同编号：{{contractNo}}\n乙方代表：{{buyerName}} {{sellerName}}')).toEqual(['unknownPlaceholder|buyerName、sellerName'])
	})

	it('refuses loose braces and an inline parcels table', () => {
		expect(bodyErrors('合同编号：{{contractNo}\n')).toEqual(['unclosed'])
		expect(bodyErrors('地块：{{parcels}}')).toEqual(['parcelsInline'])
	})
})
