// Over 300 lines: not split here on purpose. Issue 9 splits the long routes in one step (server
// code into siblings, shared views such as the listing facts into components used by several
// routes); splitting this one alone would make the copies that step removes.
// /village/listings/:id — one listing of the village: everything about it, its status and the
// review history (the reviewer's opinions, newest first), photos, the 四议两公开 record of a
// collective asset, and the actions its state allows, each a POST button with an `intent`.
// Another village's listing, or an unknown id, is a 404: every query is scoped to the village.
import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ClientOnly } from 'remix-utils/client-only'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { DecisionForm, decisionProblemText, DecisionView } from '~/components/decision-form.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { SubmitButton, TextareaField } from '~/components/forms.tsx'
import { ListingMap } from '~/components/listing-map.client.tsx'
import { PhotoUpload } from '~/components/photo-upload.tsx'
import { ListingFacts, Notice, ReviewHistory, StatusBadge } from '~/components/village-ui.tsx'
import { useLocale } from '~/utils/root-data.ts'
import type { ListingStatus, ListingType } from '~/domain/listing.ts'
import i18next from '~/i18next.server.ts'
import { deletePhoto, EDITABLE, saveDecision, submitListing, withdrawListing } from '~/models/listing-workflow.server.ts'
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_LISTING } from '~/models/photo.server.ts'
import { getVillageListing, villageOwns } from '~/models/village.server.ts'
import type { loader as rootLoader } from '~/root.tsx'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { DecisionFormSchema } from '~/utils/listing-form.ts'
import { formatDate, formatNumber } from '~/utils/format.ts'
import { TYPE_COLORS } from '~/utils/map-style.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

const MAP_HEIGHT = 260
const NOTICES = ['created', 'saved', 'submitted', 'withdrawn', 'photoDeleted', 'decisionSaved', 'notEditable'] as const
const PHOTO_OUTCOMES = ['added', 'empty', 'tooLarge', 'notAnImage', 'tooManyPixels', 'tooMany', 'notEditable', 'missing', 'failed'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	if (!user.villageId) throw new Response('Not found', { status: 404 })
	const listing = await getVillageListing(user.villageId, params.id)
	if (!listing) throw new Response('Not found', { status: 404 })
	const search = new URL(request.url).searchParams
	const pick = <T extends string>(list: readonly T[], v: string | null) => (list as readonly string[]).includes(v ?? '') ? (v as T) : null
	const t = await i18next.getFixedT(request, ['village', 'common'])
	return json({
		listing,
		editable: EDITABLE.includes(listing.status as ListingStatus),
		notice: pick(NOTICES, search.get('notice')),
		photoOutcome: pick(PHOTO_OUTCOMES, search.get('photo')),
		maxPhotoBytes: MAX_PHOTO_BYTES,
		maxPhotos: MAX_PHOTOS_PER_LISTING,
		title: `${listing.title} · ${t('village:title')} · ${t('common:appName')}`,
	})
}

const WithdrawSchema = z.object({ reason: z.string({ required_error: 'required' }).trim().min(4, 'tooShort').max(500, 'tooLong') })

type ActionData =
	| { intent: 'submit'; problem: string }
	| { intent: 'withdraw'; problem?: string; result?: SubmissionResult<string[]> }
	| { intent: 'save-decision'; problem?: string; result?: SubmissionResult<string[]> }
	| { intent: 'delete-photo'; problem: string }

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'listing:manage:own-village')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const id = params.id
	if (!user.villageId || !id || !(await villageOwns(user.villageId, id))) throw new Response('Not found', { status: 404 })
	const back = (notice: (typeof NOTICES)[number], hash = '') => redirect(`/village/listings/${id}?notice=${notice}${hash}`)
	const intent = formData.get('intent')

	switch (intent) {
		case 'submit': {
			const result = await submitListing(user, id)
			if (result.ok) return back('submitted')
			return json<ActionData>({ intent, problem: result.problem }, { status: result.problem === 'notFound' ? 404 : 409 })
		}
		case 'withdraw': {
			const submission = parseWithZod(formData, { schema: WithdrawSchema })
			if (submission.status !== 'success') return json<ActionData>({ intent, result: submission.reply() }, { status: 400 })
			if (await withdrawListing(user, id, submission.value.reason)) return back('withdrawn')
			return json<ActionData>({ intent, problem: 'notPublished' }, { status: 409 })
		}
		case 'delete-photo': {
			const photoId = formData.get('photoId')
			if (typeof photoId === 'string' && (await deletePhoto(user, photoId))) return back('photoDeleted', '#photos')
			return json<ActionData>({ intent, problem: 'photoNotDeleted' }, { status: 409 })
		}
		case 'save-decision': {
			const submission = parseWithZod(formData, { schema: DecisionFormSchema })
			if (submission.status !== 'success') return json<ActionData>({ intent, result: submission.reply() }, { status: 400 })
			if (await saveDecision(user, id, submission.value)) return back('decisionSaved', '#decision')
			return json<ActionData>({ intent, problem: 'notEditable' }, { status: 409 })
		}
		default:
			throw new Response('Unknown intent', { status: 400 })
	}
}

export default function VillageListingPage() {
	const { listing, editable, notice, photoOutcome, maxPhotoBytes, maxPhotos } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const root = useRouteLoaderData<typeof rootLoader>('root')
	const navigation = useNavigation()
	const locale = useLocale()
	const { t } = useTranslation('village')
	const { t: tc } = useTranslation('common')
	const type = listing.type as ListingType
	const status = listing.status as ListingStatus
	const latest = listing.reviews[0]
	const isAsset = type === 'COLLECTIVE_ASSET'
	const busy = navigation.state !== 'idle' ? navigation.formData?.get('intent') : null
	const submitProblem = actionData?.intent === 'submit' ? actionData.problem : null
	const problemTexts = listing.decisionProblems.map((p) => decisionProblemText(t, p, listing.decision))

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

			<section aria-labelledby="actions-heading" className="mt-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
				<h2 id="actions-heading" className="sr-only">
					{t('detail.actions')}
				</h2>
				{editable ? (
					<div className="flex flex-wrap items-center gap-3">
						<Link to={`/village/listings/${listing.id}/edit`} className="inline-flex items-center rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:bg-stone-50">
							{t('detail.edit')}
						</Link>
						<Form method="post" preventScrollReset>
							<AuthenticityTokenInput name="csrf" />
							<SubmitButton name="intent" value="submit" disabled={busy === 'submit'}>
								{status === 'RETURNED' ? t('detail.resubmit') : t('detail.submit')}
							</SubmitButton>
						</Form>
						<p className="text-sm text-stone-600">{isAsset && (!listing.decision || problemTexts.length) ? t('detail.submitNeedsDecision') : t('detail.submitHint')}</p>
					</div>
				) : status === 'SUBMITTED' ? (
					<p className="text-sm text-stone-700">{t('detail.waiting', { date: formatDate(listing.submittedAt, locale) })}</p>
				) : status === 'PUBLISHED' ? (
					<div className="space-y-4">
						{/* A published listing is traded by recording the agreed deal, or through a bidding round. */}
						<div className="flex flex-wrap gap-3">
							<Link to={`/village/listings/${listing.id}/deal`} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
								{t('deal:record.title')}
							</Link>
							<Link to={`/village/listings/${listing.id}/bidding`} className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:bg-stone-50">
								{t('bidding:open.heading')}
							</Link>
						</div>
						<WithdrawForm listingId={listing.id} lastResult={actionData?.intent === 'withdraw' ? actionData.result : undefined} expiresAt={listing.expiresAt} />
					</div>
				) : (
					<p className="text-sm text-stone-700">{t(`detail.closed.${status}`, { defaultValue: t('detail.closed.other') })}</p>
				)}
			</section>

			<div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
				<div className="min-w-0 space-y-6">
					<section aria-labelledby="description-heading">
						<h2 id="description-heading" className="mb-2 text-lg font-semibold">
							{t('detail.description')}
						</h2>
						<p className="whitespace-pre-line break-words leading-relaxed text-stone-800">{listing.description}</p>
					</section>

					<section id="photos" aria-labelledby="photos-heading" className="scroll-mt-4">
						<h2 id="photos-heading" className="mb-2 text-lg font-semibold">
							{t('photos.heading')} <span className="text-sm font-normal text-stone-500">({formatNumber(listing.photos.length, locale)}/{maxPhotos})</span>
						</h2>
						{listing.photos.length === 0 ? <p className="mb-3 text-sm text-stone-600">{t('photos.none')}</p> : null}
						<ul className="mb-3 grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="photo-list">
							{listing.photos.map((p, i) => (
								<li key={p.id} className="overflow-hidden rounded-lg border border-stone-200 bg-white">
									<a href={`/uploads/${p.file}`}>
										<img src={`/uploads/${p.thumbFile}`} alt={p.caption || t('photos.alt', { n: i + 1 })} width={240} height={160} loading="lazy" className="aspect-[3/2] h-auto w-full object-cover" />
									</a>
									<div className="flex items-center justify-between gap-2 px-2 py-1.5 text-xs">
										<span className="truncate text-stone-600">{p.caption}</span>
										{editable ? (
											<Form method="post" preventScrollReset>
												<AuthenticityTokenInput name="csrf" />
												<input type="hidden" name="photoId" value={p.id} />
												<button type="submit" name="intent" value="delete-photo" className="rounded px-1.5 py-0.5 font-medium text-red-700 hover:bg-red-50" aria-label={t('photos.deleteLabel', { n: i + 1 })}>
													{t('photos.delete')}
												</button>
											</Form>
										) : null}
									</div>
								</li>
							))}
						</ul>
						{editable && listing.photos.length < maxPhotos ? (
							<>
								{photoOutcome === 'added' ? <p className="mb-2 text-sm text-emerald-800">{t('photos.added')}</p> : null}
								<PhotoUpload listingId={listing.id} maxBytes={maxPhotoBytes} serverProblem={photoOutcome && photoOutcome !== 'added' ? photoOutcome : null} />
							</>
						) : editable ? (
							<p className="text-sm text-stone-600">{t('photos.full', { max: maxPhotos })}</p>
						) : null}
					</section>

					{isAsset ? (
						<section id="decision" aria-labelledby="decision-heading" className="scroll-mt-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
							<h2 id="decision-heading" className="text-lg font-semibold">
								{t('decision.heading')}
							</h2>
							<p className="mt-1 text-sm text-stone-600">{t('decision.intro')}</p>
							<div className="mt-3">
								{listing.decision ? (
									problemTexts.length ? (
										<Notice tone="warn" title={t('decision.incomplete', { count: problemTexts.length })} />
									) : (
										<Notice tone="ok">{t('decision.complete')}</Notice>
									)
								) : (
									<Notice tone="info">{t('decision.missing')}</Notice>
								)}
							</div>
							<div className="mt-4">
								{editable ? (
									<DecisionForm
										record={listing.decision}
										problems={listing.decisionProblems}
										lastResult={actionData?.intent === 'save-decision' ? actionData.result : undefined}
									/>
								) : (
									<DecisionView record={listing.decision} locale={locale} />
								)}
							</div>
						</section>
					) : null}
				</div>

				<aside className="space-y-6">
					<ListingFacts listing={listing} locale={locale} />
					<section aria-labelledby="map-heading">
						<h2 id="map-heading" className="mb-2 text-lg font-semibold">
							{t('detail.map')}
						</h2>
						<ClientOnly
							fallback={
								<div className="flex items-center justify-center rounded-lg border border-stone-200 bg-[#eef2e6] text-sm text-stone-600" style={{ height: MAP_HEIGHT }}>
									{t('picker.pointAt', { lat: formatNumber(listing.lat, locale, 5), lon: formatNumber(listing.lng, locale, 5) })}
								</div>
							}
						>
							{() =>
								root?.ENV ? (
									<ListingMap type={type} lat={listing.lat} lng={listing.lng} boundary={listing.boundary} env={root.ENV} height={MAP_HEIGHT} label={t('listing:map.label')} />
								) : null
							}
						</ClientOnly>
					</section>
					<ReviewHistory reviews={listing.reviews} locale={locale} />
				</aside>
			</div>
		</div>
	)
}

function WithdrawForm({ listingId, lastResult, expiresAt }: { listingId: string; lastResult?: SubmissionResult<string[]>; expiresAt: string | null }) {
	const { t } = useTranslation('village')
	const locale = useLocale()
	const errors = lastResult?.error?.reason ?? undefined
	return (
		<div className="space-y-3">
			<p className="text-sm text-stone-700">
				{t('detail.published', { date: formatDate(expiresAt, locale) })}{' '}
				<Link to={`/listings/${listingId}`} className="text-brand-700 underline underline-offset-2">
					{t('detail.publicPage')}
				</Link>
			</p>
			<Form method="post" className="max-w-xl space-y-2">
				<AuthenticityTokenInput name="csrf" />
				<TextareaField label={t('detail.withdrawReason')} name="reason" id="withdraw-reason" rows={2} maxLength={500} errors={errors} />
				<SubmitButton name="intent" value="withdraw" className="bg-stone-700 hover:bg-stone-800">
					{t('detail.withdraw')}
				</SubmitButton>
			</Form>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '挂牌详情' }]

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
