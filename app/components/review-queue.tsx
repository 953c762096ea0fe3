// What the reviewer's two queues (/review for listings, /review/deals for deals) have in common:
// the heading with the counts beside it, the confirmation after a decision, the empty state.
import type { ReactNode } from 'react'

type Count = { label: string; value: number; testId: string; tone: 'brand' | 'stone' | 'amber' }

const TONES = { brand: 'text-brand-700', stone: 'text-stone-800', amber: 'text-amber-700' }

export function QueueHeader({ heading, intro, countsLabel, counts }: { heading: string; intro: string; countsLabel: string; counts: [Count, Count] }) {
	return (
		<div className="flex flex-col gap-4 md:flex-row md:items-end md:justify-between">
			<div className="max-w-2xl">
				<h1 className="text-2xl font-bold text-stone-900">{heading}</h1>
				<p className="mt-1 text-sm text-stone-600">{intro}</p>
			</div>
			<dl aria-label={countsLabel} className="grid grid-cols-2 gap-3 md:w-96">
				{counts.map((c) => (
					<div key={c.testId} className="rounded-lg border border-stone-200 bg-white px-4 py-3 shadow-sm">
						<dt className="text-xs text-stone-500">{c.label}</dt>
						<dd className={`text-2xl font-bold ${TONES[c.tone]}`} data-testid={c.testId}>
							{c.value}
						</dd>
					</div>
				))}
			</dl>
		</div>
	)
}

/** After a decision the reviewer lands on the queue with this line: what was decided, and a link to it. */
export function DecidedNotice({ children }: { children: ReactNode }) {
	return (
		<p role="status" className="mt-5 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
			{children}
		</p>
	)
}

export function EmptyQueue({ children }: { children: ReactNode }) {
	return <p className="mt-3 rounded-lg border border-dashed border-stone-300 bg-white px-4 py-8 text-center text-stone-600">{children}</p>
}
