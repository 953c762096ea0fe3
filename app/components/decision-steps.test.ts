import { describe, expect, it } from 'vitest'
import { decisionSteps, type DecisionRecordDates } from './decision-steps.tsx'

const record: DecisionRecordDates = {
	proposalDate: '2026-03-01',
	committeeDate: '2026-03-05',
	partyMeetingDate: '2026-03-10',
	partyMembersTotal: 20,
	partyMembersPresent: 18,
	partyVotesFor: 17,
	villagersMeetingDate: '2026-03-15',
	villagersTotal: 300,
	villagersPresent: 240,
	villagersVotesFor: 200,
	resolutionPublicDate: '2026-03-20',
	resultPublicDate: null,
}
const words = {
	label: (step: string) => `<${step}>`,
	date: (d: string | null) => d ?? 'none',
	meeting: (total: number | null, present: number | null, votes: number | null) => `${present}/${total}:${votes}`,
	pending: 'pending',
}

describe('decisionSteps', () => {
	it('lists the six steps in order, meetings with their attendance and votes', () => {
		const steps = decisionSteps(record, words)
		expect(steps.map((s) => s.label)).toEqual(['<proposal>', '<committee>', '<partyMeeting>', '<villagersMeeting>', '<resolutionPublic>', '<resultPublic>'])
		expect(steps[2]).toEqual({ label: '<partyMeeting>', date: '2026-03-10', detail: '18/20:17', done: true })
		expect(steps[3].detail).toBe('240/300:200')
	})
	it('marks a step without a date as not done, and a result not yet public as pending', () => {
		const steps = decisionSteps({ ...record, committeeDate: null }, words)
		expect(steps[1]).toMatchObject({ date: 'none', done: false })
		expect(steps[5]).toMatchObject({ date: 'pending', done: false })
	})
})
