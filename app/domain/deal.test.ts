import { describe, expect, it } from 'vitest'
import { canDealTransition, DEAL_STATUSES, dealMove, CERTIFICATE_PREFIX_PATTERN, certificateNumber, certificationBlockers, isCertificateNo, dealTotalYuan, isValidResidentId, maskIdNumber, maskName, noticeDaysLeft, noticeEnd, noticeOpen } from './deal.ts'

const at = (s: string) => new Date(s)

describe('deal lifecycle', () => {
	it('follows PRODUCT.md', () => {
		expect(canDealTransition('PENDING_REVIEW', 'IN_NOTICE')).toBe(true)
		expect(canDealTransition('IN_NOTICE', 'OBJECTED')).toBe(true)
		expect(canDealTransition('OBJECTED', 'REJECTED')).toBe(true)
		expect(canDealTransition('OBJECTED', 'IN_NOTICE')).toBe(true)
		expect(canDealTransition('AWAITING_CERTIFICATION', 'COMPLETED')).toBe(true)
		expect(canDealTransition('PENDING_REVIEW', 'COMPLETED')).toBe(false)
		expect(canDealTransition('COMPLETED', 'REJECTED')).toBe(false)
	})
	it('allows exactly the moves the code makes, and production moves go through dealMove', () => {
		const allowed = new Set([
			'PENDING_REVIEW>IN_NOTICE', // reviewDeal: approve
			'PENDING_REVIEW>REJECTED', // reviewDeal: reject
			'IN_NOTICE>OBJECTED', // raiseObjection
			'IN_NOTICE>AWAITING_CERTIFICATION', // promoteEndedNotices
			'OBJECTED>IN_NOTICE', // decideObjection: dismiss
			'OBJECTED>REJECTED', // decideObjection: uphold
			'AWAITING_CERTIFICATION>COMPLETED', // certifyDeal
			'AWAITING_CERTIFICATION>PENDING_REVIEW', // returnDeal
		])
		for (const from of DEAL_STATUSES) for (const to of DEAL_STATUSES) expect(canDealTransition(from, to), `${from}>${to}`).toBe(allowed.has(`${from}>${to}`))
		expect(dealMove('IN_NOTICE', 'OBJECTED')).toEqual({ where: { status: 'IN_NOTICE' }, data: { status: 'OBJECTED' } })
		expect(() => dealMove('OBJECTED', 'AWAITING_CERTIFICATION')).toThrow(/not in the lifecycle/)
		expect(() => dealMove('COMPLETED', 'PENDING_REVIEW')).toThrow(/not in the lifecycle/)
	})
	it('is not certified without the signed contract and its date', () => {
		expect(certificationBlockers({ contractFile: 'c-x.pdf', contractDate: new Date() })).toEqual([])
		expect(certificationBlockers({ contractFile: null, contractDate: new Date() })).toEqual(['contractMissing'])
		expect(certificationBlockers({ contractFile: 'c-x.pdf', contractDate: null })).toEqual(['contractMissing'])
	})
	it('runs a 7-day notice', () => {
		const start = at('2026-11-01T10:00:00Z')
		const end = noticeEnd(start)
		expect(end.toISOString()).toBe('2026-11-08T10:00:00.000Z')
		expect(noticeDaysLeft(end, at('2026-11-01T10:00:00Z'))).toBe(7)
		expect(noticeDaysLeft(end, at('2026-11-07T12:00:00Z'))).toBe(1)
		expect(noticeDaysLeft(end, at('2026-11-09T00:00:00Z'))).toBe(0)
		const deal = { status: 'IN_NOTICE', noticeEndsAt: end }
		expect(noticeOpen(deal, at('2026-11-08T09:59:59Z'))).toBe(true)
		expect(noticeOpen(deal, at('2026-11-08T10:00:00Z'))).toBe(false)
		// An objection moves the deal to OBJECTED; more objections are taken until the same end.
		expect(noticeOpen({ status: 'OBJECTED', noticeEndsAt: end }, at('2026-11-08T09:59:59Z'))).toBe(true)
		expect(noticeOpen({ status: 'AWAITING_CERTIFICATION', noticeEndsAt: end }, at('2026-11-02T10:00:00Z'))).toBe(false)
		expect(noticeOpen({ status: 'IN_NOTICE', noticeEndsAt: null }, at('2026-11-02T10:00:00Z'))).toBe(false)
	})
})

describe('personal data on public pages', () => {
	it('masks names and ID numbers', () => {
		expect(maskName('王明')).toBe('王*')
		expect(maskName('王小明')).toBe('王*明')
		expect(maskName('欧阳晓明')).toBe('欧**明')
		// Organisations keep the start of the name and their kind; a note in brackets is dropped.
		expect(maskName('塞上田园农业有限公司')).toBe('塞上田园***有限公司')
		expect(maskName('塞上田园农业有限公司（演示）')).toBe('塞上田园***有限公司')
		expect(maskName('塞上田园农业有限公司(演示)')).toBe('塞上田园***有限公司')
		expect(maskName('鑫源合作社')).toBe('鑫***合作社')
		expect(maskName('达拉特旗恩格贝生态农业专业合作社')).toBe('达拉特旗***专业合作社')
		expect(maskName('王小明（演示）')).toBe('王*明')
		expect(maskName('内蒙古草原牧业发展')).toBe('内蒙古草***发展')
		expect(maskName('')).toBe('')
		expect(maskIdNumber('152701199001011234')).toBe('1527**********1234')
	})
	it('checks resident ID check digits', () => {
		expect(isValidResidentId('11010519491231002X')).toBe(true)
		expect(isValidResidentId('110105194912310021')).toBe(false)
		expect(isValidResidentId('12345')).toBe(false)
	})
})

describe('numbers', () => {
	it('numbers certificates and totals contracts', () => {
		expect(certificateNumber('DLT', 2026, 123)).toBe('DLT-2026-000123')
		// A county code as the prefix (README) makes numbers the certificate page accepts.
		for (const prefix of ['DLT', '150621', 'NM150621', 'AB']) {
			expect(CERTIFICATE_PREFIX_PATTERN.test(prefix), prefix).toBe(true)
			expect(isCertificateNo(certificateNumber(prefix, 2026, 1)), prefix).toBe(true)
		}
		for (const bad of ['DLT-2026-12345', 'dlt-2026-000001', 'DLT-26-000001', '../DLT-2026-000001', 'D-2026-000001', null]) expect(isCertificateNo(bad), String(bad)).toBe(false)
		expect(dealTotalYuan(12000, 'YUAN_PER_YEAR', 300, 0, 5)).toBe(60000)
		expect(dealTotalYuan(300, 'YUAN_PER_MU_YEAR', 0, 100, 10)).toBe(300000)
		expect(dealTotalYuan(45, 'WAN_YUAN', 0, 0, null)).toBe(450000)
	})
})
