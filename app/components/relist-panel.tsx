// 重新挂牌 on the village's listing page (decision 034): list again the land of a lease that ends,
// or an expired or withdrawn listing, as a new draft; or where the draft listed from it is.
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { SubmitButton } from '~/components/forms.tsx'
import { StatusBadge } from '~/components/village-ui.tsx'
import type { ListingStatus } from '~/domain/listing.ts'
import type { RelistProblem } from '~/domain/relist.ts'
import { formatDate } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

type Linked = { id: string; title: string; status: string }
export type RelistView = { problem: RelistProblem | null; free: string | null; ended: boolean; opensOn: string | null; successor: Linked | null; predecessor: Linked | null }

export function RelistPanel({ relist, status }: { relist: RelistView; status: ListingStatus }) {
	const { t } = useTranslation('village')
	const locale = useLocale()
	let body: React.ReactNode
	if (relist.successor) {
		body = (
			<p className="flex flex-wrap items-center gap-2 text-sm" data-testid="relisted-as">
				{t('relist.done')}
				<Link to={`/village/listings/${relist.successor.id}`} className="text-brand-700 underline">
					{relist.successor.title}
				</Link>
				<StatusBadge status={relist.successor.status as ListingStatus} />
			</p>
		)
	} else if (relist.problem === 'tooEarly' && relist.free && relist.opensOn) {
		body = <p className="text-sm text-stone-700">{t('relist.opensOn', { date: formatDate(relist.opensOn, locale), end: formatDate(relist.free, locale) })}</p>
	} else if (relist.problem === 'noEnd') {
		body = <p className="text-sm text-stone-700">{t('relist.noEnd')}</p>
	} else if (relist.problem === null) {
		const intro = status !== 'TRADED' ? t('relist.intro') : relist.ended ? t('relist.introEnded', { date: formatDate(relist.free, locale) }) : t('relist.introEnding', { date: formatDate(relist.free, locale) })
		body = (
			<Form method="post" className="space-y-3">
				<AuthenticityTokenInput name="csrf" />
				<p className="text-sm text-stone-700">{intro}</p>
				<SubmitButton name="intent" value="relist">
					{t('relist.submit')}
				</SubmitButton>
			</Form>
		)
	} else {
		return null
	}
	return (
		<div id="relist" className="rounded-md border border-stone-200 bg-stone-50 p-3">
			<h3 className="mb-1 font-semibold">{t('relist.heading')}</h3>
			{body}
		</div>
	)
}

/** On a listing listed again: the one it came from. */
export function RelistedFrom({ predecessor }: { predecessor: Linked }) {
	const { t } = useTranslation('village')
	return (
		<p className="mt-1 text-sm text-stone-600" data-testid="relisted-from">
			{t('relist.from')}{' '}
			<Link to={`/village/listings/${predecessor.id}`} className="text-brand-700 underline">
				{predecessor.title}
			</Link>
		</p>
	)
}
