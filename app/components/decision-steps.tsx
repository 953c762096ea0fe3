// The 四议两公开 procedure as a numbered list of its steps (date and attendance/votes), with the
// resolution text below: the same view on the public listing page and the reviewer's page, each
// supplying its own wording.
export type DecisionStep = { label: string; date: string; detail?: string | null; done: boolean }

/** Dates as the page has them: Date from a loader, string where JSON carried them. */
export type DecisionRecordDates<D extends Date | string = string> = {
	proposalDate: D | null
	committeeDate: D | null
	partyMeetingDate: D | null
	partyMembersTotal: number | null
	partyMembersPresent: number | null
	partyVotesFor: number | null
	villagersMeetingDate: D | null
	villagersTotal: number | null
	villagersPresent: number | null
	villagersVotesFor: number | null
	resolutionPublicDate: D | null
	resultPublicDate: D | null
}

export type DecisionStepKey = 'proposal' | 'committee' | 'partyMeeting' | 'villagersMeeting' | 'resolutionPublic' | 'resultPublic'

/**
 * The six steps in order. Each page words them its own way: the labels, how a date reads, what a
 * meeting's attendance and votes say (the public page shows less), and a result not yet public.
 */
export function decisionSteps<D extends Date | string>(
	d: DecisionRecordDates<D>,
	words: {
		label: (step: DecisionStepKey) => string
		date: (date: D | null) => string
		meeting: (total: number | null, present: number | null, votesFor: number | null) => string | null
		pending: string
	},
): DecisionStep[] {
	const { label, date, meeting } = words
	return [
		{ label: label('proposal'), date: date(d.proposalDate), done: !!d.proposalDate },
		{ label: label('committee'), date: date(d.committeeDate), done: !!d.committeeDate },
		{
			label: label('partyMeeting'),
			date: date(d.partyMeetingDate),
			detail: meeting(d.partyMembersTotal, d.partyMembersPresent, d.partyVotesFor),
			done: !!d.partyMeetingDate,
		},
		{
			label: label('villagersMeeting'),
			date: date(d.villagersMeetingDate),
			detail: meeting(d.villagersTotal, d.villagersPresent, d.villagersVotesFor),
			done: !!d.villagersMeetingDate,
		},
		{ label: label('resolutionPublic'), date: date(d.resolutionPublicDate), done: !!d.resolutionPublicDate },
		{ label: label('resultPublic'), date: d.resultPublicDate ? date(d.resultPublicDate) : words.pending, done: !!d.resultPublicDate },
	]
}

export function DecisionSteps({ steps, resolution }: { steps: DecisionStep[]; resolution?: { label: string; text: string } | null }) {
	return (
		<>
			<ol className="mt-3 space-y-3">
				{steps.map((step, i) => (
					<li key={step.label} className="flex gap-3">
						<span
							aria-hidden="true"
							className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ${step.done ? 'bg-brand-700 text-white' : 'bg-stone-200 text-stone-600'}`}
						>
							{i + 1}
						</span>
						<div className="text-sm">
							<p className="font-medium text-stone-900">{step.label}</p>
							<p className="text-stone-600">
								{step.date}
								{step.detail ? (
									<>
										<span aria-hidden="true"> · </span>
										{step.detail}
									</>
								) : null}
							</p>
						</div>
					</li>
				))}
			</ol>
			{resolution?.text ? (
				<div className="mt-4 border-t border-stone-100 pt-3 text-sm">
					<p className="font-medium">{resolution.label}</p>
					<p className="mt-1 whitespace-pre-line break-words text-stone-700">{resolution.text}</p>
				</div>
			) : null}
		</>
	)
}
