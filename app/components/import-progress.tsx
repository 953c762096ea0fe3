// A data import's commit while it runs (decision 023): the progress bar, a refresh link for
// browsers without JavaScript, and whatever the page puts below (its cancel button). With
// JavaScript the page's data is reloaded every second until the commit is over.
import { Link, useRevalidator } from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** `progress` is 0–1; the route's handle must load the `imports` namespace. */
export function ImportProgress({ progress, children }: { progress: number; children?: ReactNode }) {
	const { t } = useTranslation('imports')
	const revalidator = useRevalidator()
	useEffect(() => {
		const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 1000)
		return () => clearInterval(timer)
	}, [revalidator])
	const percent = Math.round(progress * 100)
	return (
		<section aria-labelledby="progress-heading" data-testid="import-progress" className="mt-4 max-w-xl rounded-lg border border-brand-100 bg-white p-4 shadow-sm">
			<h2 id="progress-heading" className="font-semibold">
				{t('preview.running')}
			</h2>
			<div role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t('preview.running')} className="mt-3 h-3 overflow-hidden rounded-full bg-stone-200">
				<div className="h-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
			</div>
			<p className="mt-2 text-sm text-stone-700">{t('preview.progress', { percent })}</p>
			<Link to="." reloadDocument className="mt-1 inline-block text-sm text-brand-700 hover:underline">
				{t('preview.refresh')}
			</Link>
			{children}
		</section>
	)
}
