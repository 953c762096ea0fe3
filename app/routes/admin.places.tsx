// /admin/places — the towns (苏木镇) and villages (嘎查村): list, add, rename, change contacts.
// Codes are fixed once created (they appear in addresses and exports). Every change is audited
// and reloads the public catalogue, which shows these names. The action is admin.places.server.ts.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { SelectField } from '~/components/forms.tsx'
import { TownCreateForm, TownEditForm, VillageCreateForm, VillageEditForm } from '~/components/place-forms.tsx'
import { PlacesTable, type PlaceRow } from '~/components/places-table.tsx'
import { listPlaces } from '~/models/admin.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { knownValue } from '~/utils/page-notice.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { DONE_NOTICES, keepTownFilter } from '~/utils/place-form.ts'
import { useLocale } from '~/utils/root-data.ts'
import { changePlaces } from './admin.places.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:places')
	return { towns: await listPlaces() }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'admin:places')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	return changePlaces(request, user.id, formData)
}

type Town = ReturnType<typeof useLoaderData<typeof loader>>['towns'][number]

export const shouldRevalidate = revalidateAfterRefusal

export default function AdminPlaces() {
	const { towns } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const locale = useLocale()
	const { t } = useTranslation('admin')
	const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name)
	const otherName = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.name : p.nameEn)
	const townFilter = params.get('town') ?? ''
	const done = knownValue(DONE_NOTICES, params.get('done'))
	const editTown = towns.find((x) => x.id === params.get('editTown'))
	const editVillage = towns.flatMap((x) => x.villages).find((v) => v.id === params.get('editVillage'))
	const shownTowns = townFilter ? towns.filter((x) => x.code === townFilter) : towns
	const editSection = (heading: string, form: ReactNode) => (
		<section id="edit" aria-labelledby="edit-heading" className="mt-6 rounded-lg border border-brand-100 bg-white p-4 shadow-sm">
			<h2 id="edit-heading" className="font-semibold">
				{heading}
			</h2>
			{form}
		</section>
	)

	const townRows: PlaceRow[] = towns.map((town) => ({
		key: town.id,
		name: (
			<Link to={`?town=${town.code}`} className="text-brand-700 hover:underline">
				{name(town)}
			</Link>
		),
		label: name(town),
		current: town.code === townFilter,
		editTo: `${keepTownFilter(townFilter, { editTown: town.id })}#edit`,
		cells: [
			{ value: town.code, kind: 'code' },
			{ value: otherName(town) },
			{ value: t(`places.kinds.${town.kind}`, { defaultValue: town.kind }) },
			{ value: town.villages.length, kind: 'number' },
			{ value: town._count.listings, kind: 'number' },
			{ value: `${town.lat.toFixed(4)}, ${town.lng.toFixed(4)}`, kind: 'figures' },
		],
	}))
	const villageRows: PlaceRow[] = shownTowns.flatMap((town): PlaceRow[] =>
		town.villages.length === 0
			? [{ key: town.id, note: `${name(town)}: ${t('places.noVillages')}` }]
			: town.villages.map((v) => ({
					key: v.id,
					name: (
						<>
							{name(v)}
							{v.isDemo ? <span className="ml-1.5 rounded bg-amber-100 px-1 text-xs font-normal text-amber-900">{t('common.demo')}</span> : null}
						</>
					),
					label: name(v),
					editTo: `${keepTownFilter(townFilter, { editVillage: v.id })}#edit`,
					cells: [
						{ value: name(town) },
						{ value: v.code, kind: 'code' },
						{ value: otherName(v) },
						{ value: [v.contactName, v.contactPhone].filter(Boolean).join(' · ') || t('common.none') },
						{ value: v._count.listings, kind: 'number' },
						{ value: v._count.users, kind: 'number' },
					],
				})),
	)

	return (
		<div>
			<h1 className="text-2xl font-bold">{t('places.title')}</h1>
			<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('places.intro')}</p>
			{done ? (
				<p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
					{t(`places.done.${done}`)}
				</p>
			) : null}

			{editTown ? editSection(t('places.editTown', { name: name(editTown) }), <TownEditForm key={editTown.id} town={editTown} cancel={keepTownFilter(townFilter)} />) : null}
			{editVillage
				? editSection(t('places.editVillage', { name: name(editVillage) }), <VillageEditForm key={editVillage.id} village={editVillage} cancel={keepTownFilter(townFilter)} />)
				: null}

			{/* Not landmarks themselves: each table's scrolling region carries its heading's name. */}
			<section className="mt-8">
				<PlacesTable
					id="towns-heading"
					heading={t('places.towns')}
					columns={[
						{ label: t('places.code') },
						{ label: t('places.otherName') },
						{ label: t('places.kind') },
						{ label: t('places.villageCount'), numeric: true },
						{ label: t('places.listingCount'), numeric: true },
						{ label: `${t('places.lat')}, ${t('places.lng')}` },
					]}
					rows={townRows}
				/>
				<TownCreateForm />
			</section>

			<section className="mt-10">
				<PlacesTable
					id="villages-heading"
					heading={t('places.villages')}
					tools={<TownFilter towns={towns} townFilter={townFilter} />}
					columns={[
						{ label: t('places.town') },
						{ label: t('places.code') },
						{ label: t('places.otherName') },
						{ label: t('places.contact') },
						{ label: t('places.listingCount'), numeric: true },
						{ label: t('places.userCount'), numeric: true },
					]}
					rows={villageRows}
				/>
				<VillageCreateForm towns={towns} defaultTownId={towns.find((x) => x.code === townFilter)?.id} />
			</section>
		</div>
	)
}

/** The villages of one town only: a GET form, so the filter is in the URL. */
function TownFilter({ towns, townFilter }: { towns: Town[]; townFilter: string }) {
	const { t } = useTranslation('admin')
	const locale = useLocale()
	return (
		<Form method="get" className="flex items-end gap-2">
			<SelectField label={t('places.filterTown')} name="town" defaultValue={townFilter} key={townFilter}>
				<option value="">{t('common.all')}</option>
				{towns.map((town) => (
					<option key={town.id} value={town.code}>
						{locale === 'en' ? town.nameEn : town.name}
					</option>
				))}
			</SelectField>
			<button type="submit" className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-50">
				{t('common.filter')}
			</button>
		</Form>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'admin')('places.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
