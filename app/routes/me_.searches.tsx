// /me/searches — a buyer's saved searches (issue 13): each with the listings that matched it since
// it was saved (new ones since the last visit flagged), a link back to the map with that search,
// rename, pause/resume and delete. The map page's "save this search" form posts here (intent
// `create`). Opening the page marks every match seen.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, inputClass } from '~/components/forms.tsx'
import { NewCount, useSearchSummary } from '~/components/saved-search.tsx'
import type { AreaUnit, PriceUnit } from '~/domain/listing.ts'
import { FREQUENCIES, MAX_NAME_LENGTH, MAX_SAVED_SEARCHES, parseSavedQuery } from '~/domain/saved-search.ts'
import { createSavedSearch, deleteSavedSearch, savedSearchesPage, updateSavedSearch } from '~/models/saved-search.server.ts'
import { getTownsWithVillages } from '~/models/town.server.ts'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatArea, formatDate, formatPrice, type Locale } from '~/utils/format.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'
import { useLocale } from '~/utils/root-data.ts'

export const handle = { i18n: ['searches'] }

const DONE = ['saved', 'renamed', 'paused', 'resumed', 'deleted'] as const

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'search:save:own')
	const [searches, towns] = await Promise.all([savedSearchesPage(user.id, now()), getTownsWithVillages()])
	const done = new URL(request.url).searchParams.get('done')
	return {
		searches,
		towns: towns.map((t) => ({ code: t.code, name: t.name, nameEn: t.nameEn })),
		done: (DONE as readonly string[]).includes(done ?? '') ? (done as (typeof DONE)[number]) : null,
	}
}

const id = z.string().regex(/^[a-z0-9_-]{1,64}$/)
const name = z.string({ required_error: 'required' }).trim().min(1, 'required').max(MAX_NAME_LENGTH, 'tooLong')
const Schema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('create'), name, frequency: z.enum(FREQUENCIES, { message: 'invalid' }), query: z.string().max(6000, 'tooLong').default('') }),
	z.object({ intent: z.literal('rename'), id, name }),
	z.object({ intent: z.enum(['pause', 'resume', 'delete']), id }),
])

type Refusal = { code: 'tooMany' | 'badQuery' | 'polygon' | 'unknownTown' | 'notFound'; fields?: string }

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'search:save:own')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: Schema })
	const refuse = (status: number, refusal: Refusal | null) => data({ intent: String(formData.get('intent') ?? ''), id: String(formData.get('id') ?? ''), result: submission.reply(), refusal }, { status })
	if (submission.status !== 'success') return refuse(400, null)
	const v = submission.value
	if (v.intent === 'create') {
		const result = await createSavedSearch(user.id, v, now())
		if (result.ok) return redirect('/me/searches?done=saved')
		if (result.problem === 'badQuery') {
			const fields = Object.keys(result.errors)
			return refuse(400, { code: fields.includes('polygon') ? 'polygon' : 'badQuery', fields: fields.join(', ') })
		}
		return refuse(result.problem === 'tooMany' ? 409 : 400, { code: result.problem })
	}
	const ok =
		v.intent === 'delete' ? await deleteSavedSearch(user.id, v.id) : await updateSavedSearch(user.id, v.id, v.intent === 'rename' ? { name: v.name } : { paused: v.intent === 'pause' })
	if (!ok) return refuse(404, { code: 'notFound' })
	return redirect(`/me/searches?done=${{ rename: 'renamed', pause: 'paused', resume: 'resumed', delete: 'deleted' }[v.intent]}`)
}

export const shouldRevalidate = revalidateAfterRefusal

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Search = Data['searches'][number]
type Town = Data['towns'][number]
type Answer = ReturnType<typeof useActionData<typeof action>>

export default function SavedSearchesPage() {
	const { searches, towns, done } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	const { t } = useTranslation('searches')
	const locale = useLocale()
	const refusal = answer?.refusal
	return (
		<div className="mx-auto max-w-4xl px-4 py-5 sm:py-6">
			<h1 className="text-2xl font-bold text-stone-900">{t('page.title')}</h1>
			<p className="mt-1 text-sm text-stone-600">{t('page.intro')}</p>
			<p className="mt-1 text-sm text-stone-500">{t('page.count', { count: searches.length, max: MAX_SAVED_SEARCHES })}</p>
			{done ? (
				<p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{t(`done.${done}`)}
				</p>
			) : null}
			{refusal || (answer?.intent === 'create' && answer.result.error) ? (
				<div role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="search-refused">
					{refusal ? t(`errors.${refusal.code}`, { max: MAX_SAVED_SEARCHES, fields: refusal.fields }) : null}
					<ErrorList errors={answer?.intent === 'create' ? Object.values(answer.result.error ?? {}).flat().filter((e): e is string => typeof e === 'string') : null} />
				</div>
			) : null}
			{searches.length === 0 ? (
				<div className="mt-5 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-600">
					<p>{t('page.empty')}</p>
					<Link to="/" className="mt-2 inline-block font-medium text-brand-700 underline">
						{t('page.toMap')}
					</Link>
				</div>
			) : (
				<ul className="mt-5 space-y-4" data-testid="saved-searches">
					{searches.map((s) => (
						<SearchCard key={s.id} search={s} towns={towns} locale={locale} answer={answer?.id === s.id ? answer : undefined} />
					))}
				</ul>
			)}
		</div>
	)
}

const buttonClass = 'rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-50'

function SearchCard({ search, towns, locale, answer }: { search: Search; towns: Town[]; locale: Locale; answer: Answer | undefined }) {
	const { t } = useTranslation('searches')
	const summary = useSearchSummary()
	const parsed = parseSavedQuery(search.query)
	const parts = parsed.ok ? summary(parsed.query.filters, parsed.query.bbox !== null, towns, locale) : []
	const nameErrors = answer?.intent === 'rename' ? answer.result.error?.name : undefined
	return (
		<li data-testid="saved-search" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<div className="flex flex-wrap items-start justify-between gap-2">
				<h2 className="min-w-0 break-words text-lg font-semibold text-stone-900" data-testid="saved-search-name">
					{search.name}
				</h2>
				<div className="flex flex-wrap items-center gap-2 text-xs">
					<NewCount count={search.fresh} locale={locale} />
					<span className="rounded bg-stone-100 px-1.5 py-0.5 text-stone-700">{t(`page.frequency.${search.frequency}`, { defaultValue: search.frequency })}</span>
					{search.paused ? <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">{t('page.paused')}</span> : null}
				</div>
			</div>
			<p className="mt-1 text-sm text-stone-600">
				{(parts.length ? parts : [t('filters.anyFilter')]).join(' · ')}
				<span aria-hidden="true"> · </span>
				{t('page.savedAt', { date: formatDate(search.createdAt, locale) })}
			</p>
			<Link to={`/?${search.query}`} className="mt-1 inline-block text-sm font-medium text-brand-700 underline">
				{t('page.openMap')}
			</Link>
			<h3 className="mt-3 text-sm font-semibold text-stone-800">{t('page.matches', { count: search.total })}</h3>
			{search.matches.length === 0 ? (
				<p className="mt-1 text-sm text-stone-500">{t('page.noMatches')}</p>
			) : (
				<ul className="mt-1 divide-y divide-stone-100 border-y border-stone-100 text-sm" data-testid="saved-search-matches">
					{search.matches.map(({ listing, fresh }) => (
						<li key={listing.id} className="flex flex-wrap items-baseline gap-x-2 py-1.5">
							{fresh ? <span className="rounded bg-brand-50 px-1 text-xs font-medium text-brand-800">{t('page.fresh')}</span> : null}
							{listing.status === 'PUBLISHED' || listing.status === 'TRADED' ? (
								<Link to={`/listings/${listing.id}`} className="font-medium text-brand-800 hover:underline">
									{listing.title}
								</Link>
							) : (
								<span className="font-medium text-stone-700">{listing.title}</span>
							)}
							<span className="text-stone-600">
								{formatPrice(listing.price, listing.priceUnit as PriceUnit, locale)} · {formatArea(listing.area, listing.areaUnit as AreaUnit, locale)}
							</span>
							<span className="ml-auto text-xs text-stone-500" data-testid="match-status">
								{t(`listingStatus.${listing.status}`, { defaultValue: listing.status })}
							</span>
						</li>
					))}
				</ul>
			)}
			<div className="mt-3 flex flex-wrap items-end gap-2">
				<Form method="post" className="flex min-w-0 flex-1 flex-wrap items-end gap-2">
					<AuthenticityTokenInput name="csrf" />
					<input type="hidden" name="id" value={search.id} />
					<label className="min-w-[12rem] flex-1">
						<span className="sr-only">{t('page.renameLabel')}</span>
						<input
							name="name"
							required
							maxLength={MAX_NAME_LENGTH}
							defaultValue={search.name}
							aria-invalid={nameErrors?.length ? true : undefined}
							className={inputClass}
						/>
						<ErrorList errors={nameErrors} />
					</label>
					<button type="submit" name="intent" value="rename" className={buttonClass}>
						{t('page.rename')}
					</button>
				</Form>
				<Form method="post" className="flex gap-2">
					<AuthenticityTokenInput name="csrf" />
					<input type="hidden" name="id" value={search.id} />
					<button type="submit" name="intent" value={search.paused ? 'resume' : 'pause'} className={buttonClass}>
						{t(search.paused ? 'page.resume' : 'page.pause')}
					</button>
					<button type="submit" name="intent" value="delete" className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50">
						{t('page.delete')}
					</button>
				</Form>
			</div>
		</li>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'searches')('page.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
