// /village/listings/:id — one listing of the village: everything about it, its status and the
// review history (the reviewer's opinions, newest first), photos, the 四议两公开 record of a
// collective asset, and the actions its state allows, each a POST button with an `intent`.
// Another village's listing, or an unknown id, is a 404: every query is scoped to the village.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { decisionProblemText } from '~/components/decision-form.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ListingFacts } from '~/components/listing-facts.tsx'
import { ListingMapSection } from '~/components/listing-map-section.tsx'
import { HeldLine, ListingParcelsTable } from '~/components/parcel-views.tsx'
import { RelistedFrom } from '~/components/relist-panel.tsx'
import { ReviewHistory } from '~/components/review-history.tsx'
import { ListingActions, VillageDecision, VillagePhotos } from '~/components/village-listing.tsx'
import { Notice, StatusBadge } from '~/components/village-ui.tsx'
import type { ListingStatus, ListingType } from '~/domain/listing.ts'
import { villageOwns } from '~/models/village.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDate } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { handleVillageListingIntent, villageListingPage, type VillageListingActionData } from './village.listings.$id.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

const MAP_HEIGHT = 260

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	return await villageListingPage(user, params.id, new URL(request.url).searchParams)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const id = params.id
	invariantResponse(user.villageId && id && (await villageOwns(user.villageId, id)))
	return handleVillageListingIntent(user, id, formData)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function VillageListingPage() {
	const { listing, parcels, relist, editable, notice, photoOutcome, maxPhotoBytes, maxPhotos } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as VillageListingActionData | undefined
	const navigation = useNavigation()
	const locale = useLocale()
	const { t } = useTranslation('village')
	const { t: tc } = useTranslation('common')
	const type = listing.type as ListingType
	const status = listing.status as ListingStatus
	const latest = listing.reviews[0]
	const isAsset = type === 'COLLECTIVE_ASSET'
	const submitProblem = actionData?.intent === 'submit' ? actionData.problem : null
	const problemTexts = listing.decisionProblems.map((p) => decisionProblemText(t, p, listing.decision))
	const resultOf = (intent: 'withdraw' | 'save-decision' | 'change-price') => (actionData?.intent === intent ? actionData.result : undefined)

	return (
		<div>
			<p className="text-sm">
				<Link to="/village" className="text-brand-700 underline-offset-2 hover:underline">
					<span aria-hidden="true">← </span>
					{t('detail.back')}
				</Link>
			</p>

			<header className="mt-3">
				<div className="flex flex-wrap items-center gap-2 text-sm">
					<span className="rounded px-2 py-0.5 font-medium text-white" style={{ backgroundColor: TYPE_COLORS[type] }}>
						{tc(`types.${type}`)}
					</span>
					<StatusBadge status={status} />
				</div>
				<h1 className="mt-2 break-words text-2xl font-bold leading-snug">{listing.title}</h1>
				<p className="text-stone-600">{locale === 'en' ? `${listing.village.nameEn}, ${listing.town.nameEn}` : `${listing.town.name} ${listing.village.name}`}</p>
				{relist?.predecessor ? <RelistedFrom predecessor={relist.predecessor} /> : null}
			</header>

			<div className="mt-4 space-y-3">
				{notice && !actionData ? <Notice tone={notice === 'notEditable' ? 'warn' : 'ok'}>{t(`detail.notices.${notice}`)}</Notice> : null}
				{submitProblem ? (
					<Notice tone="error" title={t(`detail.submitProblems.${submitProblem}`)}>
						{submitProblem === 'decisionInvalid' && problemTexts.length ? (
							<ul className="list-disc pl-5" data-testid="submit-problems">
								{problemTexts.map((m) => (
									<li key={m}>{m}</li>
								))}
							</ul>
						) : null}
						{actionData?.intent === 'submit' && actionData.held?.length ? (
							<ul data-testid="submit-held">
								{actionData.held.map((h) => (
									<HeldLine key={h.code} {...h} />
								))}
							</ul>
						) : null}
						{isAsset && submitProblem.startsWith('decision') ? (
							<a href="#decision" className="mt-1 inline-block underline">
								{t('detail.toDecision')}
							</a>
						) : null}
					</Notice>
				) : null}
				{actionData && 'problem' in actionData && actionData.problem && actionData.intent !== 'submit' ? (
					<Notice tone="error">{t(`detail.actionProblems.${actionData.problem}`)}</Notice>
				) : null}
				{latest && (status === 'RETURNED' || status === 'REJECTED') ? (
					<Notice tone={status === 'RETURNED' ? 'warn' : 'error'} title={status === 'RETURNED' ? t('detail.returnedTitle') : t('detail.rejectedTitle')}>
						<p className="whitespace-pre-line" data-testid="latest-opinion">
							{latest.opinion}
						</p>
						<p className="mt-1 text-xs opacity-80">
							{latest.reviewer.name} · {formatDate(latest.createdAt, locale)}
						</p>
					</Notice>
				) : null}
			</div>

			<ListingActions
				listing={listing}
				editable={editable}
				submitting={navigation.state !== 'idle' && navigation.formData?.get('intent') === 'submit'}
				needsDecision={isAsset && (!listing.decision || problemTexts.length > 0)}
				withdrawResult={resultOf('withdraw')}
				priceResult={resultOf('change-price')}
				relist={relist}
			/>

			<div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
				<div className="min-w-0 space-y-6">
					<section aria-labelledby="description-heading">
						<h2 id="description-heading" className="mb-2 text-lg font-semibold">
							{t('detail.description')}
						</h2>
						<p className="whitespace-pre-line break-words leading-relaxed text-stone-800">{listing.description}</p>
					</section>
					<ListingParcelsTable parcels={parcels} />
					<VillagePhotos listingId={listing.id} photos={listing.photos} editable={editable} maxPhotos={maxPhotos} maxPhotoBytes={maxPhotoBytes} photoOutcome={photoOutcome} />
					{isAsset ? (
						<VillageDecision
							record={listing.decision}
							problems={listing.decisionProblems}
							problemCount={problemTexts.length}
							editable={editable}
							lastResult={resultOf('save-decision')}
						/>
					) : null}
				</div>

				<aside className="space-y-6">
					<ListingFacts view="full" listing={listing} surveyed={parcels.length > 0} />
					<ListingMapSection listing={listing} heading={t('detail.map')} height={MAP_HEIGHT} />
					<ReviewHistory reviews={listing.reviews} />
				</aside>
			</div>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const locale = metaLocale(matches)
	const t = metaT(locale, 'village')
	return [{ title: pageTitle(locale, data?.listing ? `${data.listing.title} · ${t('title')}` : t('title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
