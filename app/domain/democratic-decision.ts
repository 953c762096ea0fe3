// 四议两公开: the village's democratic decision that must precede trading a collective asset.
// Party branch proposes → committees deliberate → Party members' meeting reviews → villagers'
// (representatives') meeting resolves; then the resolution is made public.
// Rules checked: every step dated and in order, none in the future; at each meeting at least two
// thirds of members present and more than half of those present in favour; the resolution text;
// publication not before the villagers' meeting.

export type DecisionRecord = {
	proposalDate: Date | null
	committeeDate: Date | null
	partyMeetingDate: Date | null
	partyMembersTotal: number | null
	partyMembersPresent: number | null
	partyVotesFor: number | null
	villagersMeetingDate: Date | null
	villagersTotal: number | null
	villagersPresent: number | null
	villagersVotesFor: number | null
	resolutionText: string | null
	resolutionPublicDate: Date | null
}

export type DecisionField = keyof DecisionRecord
export type DecisionProblem = { field: DecisionField; code: string; params?: Record<string, number | string> }

const STEPS: DecisionField[] = ['proposalDate', 'committeeDate', 'partyMeetingDate', 'villagersMeetingDate']

function meeting(
	problems: DecisionProblem[],
	prefix: 'party' | 'villagers',
	total: number | null,
	present: number | null,
	votesFor: number | null,
) {
	const f = {
		total: prefix === 'party' ? 'partyMembersTotal' : 'villagersTotal',
		present: prefix === 'party' ? 'partyMembersPresent' : 'villagersPresent',
		votes: prefix === 'party' ? 'partyVotesFor' : 'villagersVotesFor',
	} as const
	if (total === null) problems.push({ field: f.total, code: 'required' })
	if (present === null) problems.push({ field: f.present, code: 'required' })
	if (votesFor === null) problems.push({ field: f.votes, code: 'required' })
	if (total === null || present === null || votesFor === null) return
	if (total < 1) return problems.push({ field: f.total, code: 'positive' })
	if (present > total) return problems.push({ field: f.present, code: 'moreThanTotal', params: { total } })
	if (votesFor > present) return problems.push({ field: f.votes, code: 'moreThanPresent', params: { present } })
	// At least two thirds present: 3 × present ≥ 2 × total (integers, no rounding).
	if (present * 3 < total * 2) problems.push({ field: f.present, code: 'quorum', params: { needed: Math.ceil((total * 2) / 3), total } })
	// More than half of those present in favour.
	if (votesFor * 2 <= present) problems.push({ field: f.votes, code: 'majority', params: { needed: Math.floor(present / 2) + 1, present } })
}

export function checkDecision(r: DecisionRecord, now: Date = new Date()): DecisionProblem[] {
	const problems: DecisionProblem[] = []
	for (const field of STEPS) {
		const d = r[field] as Date | null
		if (!d) problems.push({ field, code: 'required' })
		else if (d.getTime() > now.getTime()) problems.push({ field, code: 'future' })
	}
	for (let i = 1; i < STEPS.length; i++) {
		const before = r[STEPS[i - 1]] as Date | null
		const after = r[STEPS[i]] as Date | null
		if (before && after && after.getTime() < before.getTime()) {
			problems.push({ field: STEPS[i], code: 'order', params: { previous: STEPS[i - 1] } })
		}
	}
	meeting(problems, 'party', r.partyMembersTotal, r.partyMembersPresent, r.partyVotesFor)
	meeting(problems, 'villagers', r.villagersTotal, r.villagersPresent, r.villagersVotesFor)
	if (!r.resolutionText || r.resolutionText.trim().length < 10) problems.push({ field: 'resolutionText', code: 'tooShort', params: { min: 10 } })
	if (!r.resolutionPublicDate) problems.push({ field: 'resolutionPublicDate', code: 'required' })
	else {
		if (r.resolutionPublicDate.getTime() > now.getTime()) problems.push({ field: 'resolutionPublicDate', code: 'future' })
		if (r.villagersMeetingDate && r.resolutionPublicDate.getTime() < r.villagersMeetingDate.getTime()) {
			problems.push({ field: 'resolutionPublicDate', code: 'order', params: { previous: 'villagersMeetingDate' } })
		}
	}
	return problems
}

export const EMPTY_DECISION: DecisionRecord = {
	proposalDate: null,
	committeeDate: null,
	partyMeetingDate: null,
	partyMembersTotal: null,
	partyMembersPresent: null,
	partyVotesFor: null,
	villagersMeetingDate: null,
	villagersTotal: null,
	villagersPresent: null,
	villagersVotesFor: null,
	resolutionText: null,
	resolutionPublicDate: null,
}
