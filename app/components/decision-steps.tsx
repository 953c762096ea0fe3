// The 四议两公开 procedure as a numbered list of its steps (date and attendance/votes), with the
// resolution text below: the same view on the public listing page and the reviewer's page, each
// supplying its own wording.
export type DecisionStep = { label: string; date: string; detail?: string | null; done: boolean }

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
