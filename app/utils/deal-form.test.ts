import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { contractSchema, dealSchema } from './deal-form.ts'

const TODAY = '2026-11-30'
const pdf = () => new File(['%PDF-1.4\n%%EOF\n'], '合同.pdf', { type: 'application/pdf' })

function form(fields: Record<string, string | File>) {
	const data = new FormData()
	for (const [k, v] of Object.entries(fields)) data.set(k, v)
	return data
}

const outside = { buyerKind: 'outside', outsideName: '张三', outsideIdNumber: '11010519491231002X', price: '12000', priceUnit: 'YUAN_PER_YEAR', termYears: '10', transferMode: 'LEASE', contractDate: TODAY }

describe('dealSchema', () => {
	it('accepts an outside buyer with a valid resident ID and a contract', () => {
		const submission = parseWithZod(form({ ...outside, contract: pdf() }), { schema: dealSchema(TODAY, true) })
		expect(submission.status).toBe('success')
	})
	it('says what is wrong next to each field, all at once', () => {
		const submission = parseWithZod(form({ ...outside, outsideIdNumber: '110105194912310021', priceUnit: 'YUAN_PER_MU_YEAR', termYears: '', contractDate: '2026-12-01', contract: pdf() }), {
			schema: dealSchema(TODAY, false),
		})
		expect(submission.reply().error).toEqual({
			outsideIdNumber: ['idNumber'],
			priceUnit: ['landOnly'],
			termYears: ['termRequired'],
			contractDate: ['contractDateFuture'],
		})
	})
	it('records a deal before the contract is signed: no file, and then no day is asked for (decision 030)', () => {
		expect(parseWithZod(form({ ...outside, contractDate: '' }), { schema: dealSchema(TODAY, true) }).status).toBe('success')
		expect(parseWithZod(form({ ...outside, contractDate: '', contract: pdf() }), { schema: dealSchema(TODAY, true) }).reply().error).toEqual({ contractDate: ['required'] })
	})
	it('needs an inquiry when the buyer is an inquirer, and no term for a sale in 万元', () => {
		const submission = parseWithZod(form({ ...outside, buyerKind: 'inquiry', priceUnit: 'WAN_YUAN', termYears: '', contract: pdf() }), { schema: dealSchema(TODAY, true) })
		expect(submission.reply().error).toEqual({ inquiryId: ['inquiryRequired'] })
	})
})

describe('contractSchema', () => {
	it('needs the deal, a day not in the future and a file under the cap', () => {
		expect(parseWithZod(form({ intent: 'contract', dealId: 'd1', contractDate: TODAY, contract: pdf() }), { schema: contractSchema(TODAY) }).status).toBe('success')
		const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.pdf')
		expect(parseWithZod(form({ intent: 'contract', dealId: 'd1', contractDate: 'x', contract: big }), { schema: contractSchema(TODAY) }).reply().error).toEqual({
			contractDate: ['date'],
			contract: ['contractTooLarge'],
		})
	})
})
