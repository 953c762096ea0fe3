import { describe, expect, it } from 'vitest'
import { checkDecision, EMPTY_DECISION, type DecisionRecord } from './democratic-decision.ts'

const d = (s: string) => new Date(`${s}T00:00:00+08:00`)
const now = d('2026-11-01')
const valid: DecisionRecord = {
	proposalDate: d('2026-03-01'),
	committeeDate: d('2026-03-05'),
	partyMeetingDate: d('2026-03-10'),
	partyMembersTotal: 30,
	partyMembersPresent: 20,
	partyVotesFor: 11,
	villagersMeetingDate: d('2026-03-15'),
	villagersTotal: 90,
	villagersPresent: 60,
	villagersVotesFor: 31,
	resolutionText: '同意将村集体闲置仓库对外出租,租期五年。',
	resolutionPublicDate: d('2026-03-16'),
}
const codes = (r: DecisionRecord) => checkDecision(r, now).map((p) => `${p.field}:${p.code}`)

describe('四议两公开 checks', () => {
	it('accepts a complete record at the exact thresholds', () => {
		// 20/30 is exactly two thirds; 11/20 and 31/60 are just over half.
		expect(codes(valid)).toEqual([])
	})
	it('names every missing piece of an empty record', () => {
		const c = codes(EMPTY_DECISION)
		for (const f of ['proposalDate', 'committeeDate', 'partyMeetingDate', 'villagersMeetingDate', 'partyMembersTotal', 'villagersVotesFor', 'resolutionPublicDate']) {
			expect(c).toContain(`${f}:required`)
		}
		expect(c).toContain('resolutionText:tooShort')
	})
	it('refuses a meeting without two thirds present', () => {
		expect(codes({ ...valid, partyMembersPresent: 19, partyVotesFor: 10 })).toEqual(['partyMembersPresent:quorum'])
		const p = checkDecision({ ...valid, villagersPresent: 59, villagersVotesFor: 40 }, now)
		expect(p).toEqual([{ field: 'villagersPresent', code: 'quorum', params: { needed: 60, total: 90 } }])
	})
	it('refuses exactly half in favour', () => {
		expect(codes({ ...valid, partyVotesFor: 10 })).toEqual(['partyVotesFor:majority'])
		expect(codes({ ...valid, villagersVotesFor: 30 })).toEqual(['villagersVotesFor:majority'])
	})
	it('refuses impossible counts', () => {
		expect(codes({ ...valid, partyMembersPresent: 31 })).toEqual(['partyMembersPresent:moreThanTotal'])
		expect(codes({ ...valid, partyVotesFor: 21 })).toEqual(['partyVotesFor:moreThanPresent'])
		expect(codes({ ...valid, villagersTotal: 0 })).toEqual(['villagersTotal:positive'])
	})
	it('requires the steps in order, none in the future', () => {
		expect(codes({ ...valid, committeeDate: d('2026-02-01') })).toEqual(['committeeDate:order'])
		expect(codes({ ...valid, resolutionPublicDate: d('2026-03-14') })).toEqual(['resolutionPublicDate:order'])
		expect(codes({ ...valid, resolutionPublicDate: d('2026-12-01') })).toEqual(['resolutionPublicDate:future'])
	})
})
