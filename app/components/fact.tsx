import type { ReactNode } from 'react'

/** One labelled value in a facts list (`<dl>`): label on the left, value beside it. */
export function Fact({ label, children, labelWidth = '6.5rem' }: { label: string; children: ReactNode; labelWidth?: '6.5rem' | '7rem' }) {
	return (
		<div className={`grid ${labelWidth === '7rem' ? 'grid-cols-[7rem_minmax(0,1fr)]' : 'grid-cols-[6.5rem_minmax(0,1fr)]'} gap-3 py-2`}>
			<dt className="text-stone-500">{label}</dt>
			<dd className="min-w-0 break-words text-stone-900">{children}</dd>
		</div>
	)
}
