// 确权 parcels on pages (issue 11): the checkbox list of the village's land form (it works without
// JavaScript: plain checkboxes named parcelIds), the parcels table of a listing's pages with the
// "area from the survey" badge, and the refusal naming a parcel another listing holds.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseHeldError, sidesOf, surveyedArea, type Sides } from '~/domain/parcels.ts'
import { formatNumber, type Locale } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'

type ParcelFacts = {
	id: string
	code: string
	name: string | null
	parcelClass: string | null
	landUse: string | null
	basicFarmland: boolean | null
	surveyedAreaM2: number
	surveyedAreaMu: number
	east: string | null
	south: string | null
	west: string | null
	north: string | null
}

type Bbox = { minLng: number; minLat: number; maxLng: number; maxLat: number }

export type ChooserParcel = ParcelFacts & { heldBy: { title: string; href: string } | null }

/** The parcel class (DKLB) and land use (TDLYLX) by name where the code is known, else the code. */
function useParcelNames() {
	const { t } = useTranslation('parcels')
	const unknown = t('unknown')
	return {
		parcelClass: (code: string | null) => (code ? t(`parcelClasses.${code}`, { defaultValue: code }) : unknown),
		landUse: (code: string | null) => (code ? t(`landUses.${code}`, { defaultValue: code }) : unknown),
		farmland: (flag: boolean | null) => (flag === null ? unknown : flag ? t('yes') : t('no')),
	}
}

export function SidesText({ sides }: { sides: Sides }) {
	const { t } = useTranslation('parcels')
	const parts = (['east', 'south', 'west', 'north'] as const).map((k) => `${t(`sides.${k}`)}：${sides[k] || t('sides.none')}`)
	return <>{parts.join('；')}</>
}

const th = 'px-2 py-1.5 text-left font-medium text-stone-600 whitespace-nowrap'
const td = 'px-2 py-1.5 align-top'

/**
 * The village's parcels with a checkbox each. `selected`/`onToggle` make it follow the map when
 * JavaScript runs; without it the boxes are the form's own (`defaultChecked`).
 */
export function ParcelChooserList({
	parcels,
	selected,
	onToggle,
	describedBy,
}: {
	parcels: ChooserParcel[]
	selected: ReadonlySet<string>
	onToggle?: (id: string) => void
	describedBy?: string
}) {
	const { t } = useTranslation('parcels')
	const locale = useLocale()
	const names = useParcelNames()
	return (
		<div className="max-h-80 overflow-auto rounded-md border border-stone-200" role="group" aria-label={t('picker.listLabel')} aria-describedby={describedBy}>
			<table className="w-full text-sm" data-testid="parcel-list">
				<thead className="sticky top-0 bg-stone-50">
					<tr>
						<th scope="col" className={th}>
							{t('columns.choose')}
						</th>
						<th scope="col" className={th}>
							{t('columns.code')}
						</th>
						<th scope="col" className={th}>
							{t('columns.landUse')}
						</th>
						<th scope="col" className={`${th} text-right`}>
							{t('columns.areaMu')}
						</th>
						<th scope="col" className={th}>
							{t('columns.status')}
						</th>
					</tr>
				</thead>
				<tbody className="divide-y divide-stone-100">
					{parcels.map((p) => {
						const id = `parcel-${p.id}`
						const held = p.heldBy
						return (
							<tr key={p.id} className={selected.has(p.id) ? 'bg-brand-50' : held ? 'text-stone-500' : undefined}>
								<td className={td}>
									<input
										type="checkbox"
										id={id}
										name="parcelIds"
										value={p.id}
										disabled={!!held}
										{...(onToggle ? { checked: selected.has(p.id), onChange: () => onToggle(p.id) } : { defaultChecked: selected.has(p.id) })}
										className="h-4 w-4 rounded border-stone-400 text-brand-700 focus:ring-brand-600"
									/>
								</td>
								<td className={td}>
									<label htmlFor={id} className="font-mono text-xs">
										{p.code}
									</label>
									{p.name ? <span className="block text-xs text-stone-500">{p.name}</span> : null}
								</td>
								<td className={td}>
									{names.landUse(p.landUse)}
									{p.basicFarmland ? <span className="block text-xs text-stone-500">{t('columns.basicFarmland')}</span> : null}
								</td>
								<td className={`${td} text-right tabular-nums`}>{formatNumber(p.surveyedAreaMu, locale, 2)}</td>
								<td className={td}>
									{held ? (
										<Link to={held.href} className="text-brand-700 underline underline-offset-2" title={held.title}>
											{t('picker.unavailable')}
										</Link>
									) : null}
								</td>
							</tr>
						)
					})}
				</tbody>
			</table>
		</div>
	)
}

/** What the chosen parcels make: count, summed surveyed area in 亩 and m², and their 四至. */
export function ParcelSelectionSummary({ parcels, locale }: { parcels: ReadonlyArray<ParcelFacts & Bbox>; locale: Locale }) {
	const { t } = useTranslation('parcels')
	if (parcels.length === 0) return <p className="text-sm text-stone-600">{t('picker.noneSelected')}</p>
	const { m2, mu } = surveyedArea(parcels)
	return (
		<div className="space-y-1 text-sm">
			<p className="font-medium text-stone-900" data-testid="parcel-selection">
				{t('picker.selected', { count: parcels.length, mu: formatNumber(mu, locale, 2), m2: formatNumber(m2, locale, 0) })}
			</p>
			<p className="text-stone-700">
				<span className="font-medium">{t('picker.sides')}：</span>
				<SidesText sides={sidesOf(parcels)} />
			</p>
		</div>
	)
}

/** A listing's parcels, for buyers and staff alike (no surveyor's name: it is personal). */
export function ListingParcelsTable({ parcels }: { parcels: Array<ParcelFacts & Bbox> }) {
	const { t } = useTranslation('parcels')
	const locale = useLocale()
	const names = useParcelNames()
	if (parcels.length === 0) return null
	const totalM2 = parcels.reduce((s, p) => s + p.surveyedAreaM2, 0)
	const totalMu = parcels.reduce((s, p) => s + p.surveyedAreaMu, 0)
	return (
		<section aria-labelledby="parcels-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
			<div className="flex flex-wrap items-center gap-2">
				<h2 id="parcels-heading" className="text-lg font-semibold">
					{t('detail.heading')}
				</h2>
				<SurveyBadge />
			</div>
			<div className="mt-2 overflow-x-auto">
				<table className="w-full min-w-[36rem] text-sm" data-testid="listing-parcels">
					<caption className="mb-1 text-left text-sm text-stone-600">{t('detail.caption', { count: parcels.length })}</caption>
					<thead className="border-b border-stone-200">
						<tr>
							<th scope="col" className={th}>
								{t('columns.code')}
							</th>
							<th scope="col" className={th}>
								{t('columns.parcelClass')}
							</th>
							<th scope="col" className={th}>
								{t('columns.landUse')}
							</th>
							<th scope="col" className={th}>
								{t('columns.basicFarmland')}
							</th>
							<th scope="col" className={`${th} text-right`}>
								{t('columns.areaMu')}
							</th>
							<th scope="col" className={`${th} text-right`}>
								{t('columns.areaM2')}
							</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-stone-100">
						{parcels.map((p) => (
							<tr key={p.id}>
								<th scope="row" className={`${td} text-left font-mono text-xs font-normal`}>
									{p.code}
								</th>
								<td className={td}>{names.parcelClass(p.parcelClass)}</td>
								<td className={td}>{names.landUse(p.landUse)}</td>
								<td className={td}>{names.farmland(p.basicFarmland)}</td>
								<td className={`${td} text-right tabular-nums`}>{formatNumber(p.surveyedAreaMu, locale, 2)}</td>
								<td className={`${td} text-right tabular-nums`}>{formatNumber(p.surveyedAreaM2, locale, 2)}</td>
							</tr>
						))}
					</tbody>
					{parcels.length > 1 ? (
						<tfoot className="border-t border-stone-200 font-medium">
							<tr>
								<th scope="row" colSpan={4} className={`${td} text-left`}>
									{t('detail.total')}
								</th>
								<td className={`${td} text-right tabular-nums`}>{formatNumber(totalMu, locale, 2)}</td>
								<td className={`${td} text-right tabular-nums`}>{formatNumber(totalM2, locale, 2)}</td>
							</tr>
						</tfoot>
					) : null}
				</table>
			</div>
			<p className="mt-2 text-sm text-stone-700">
				<span className="font-medium">{t('columns.sides')}：</span>
				<SidesText sides={sidesOf(parcels)} />
			</p>
		</section>
	)
}

export function SurveyBadge() {
	const { t } = useTranslation('parcels')
	return (
		<span className="inline-flex items-center rounded-full border border-emerald-300 bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800" data-testid="survey-badge">
			{t('detail.badge')}
		</span>
	)
}

/** The errors of the parcels field: a held parcel is named with a link to the listing holding it. */
export function ParcelErrors({ id, errors }: { id?: string; errors: string[] }) {
	const { t } = useTranslation('parcels')
	const { t: tc } = useTranslation('common')
	if (errors.length === 0) return null
	return (
		<ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700" aria-live="polite" data-testid="parcel-errors">
			{errors.map((e) => {
				const held = parseHeldError(e)
				if (held) return <HeldLine key={e} {...held} />
				return <li key={e}>{t(`errors.${e}`, { defaultValue: tc(`forms.errors.${e}`, { defaultValue: e }) })}</li>
			})}
		</ul>
	)
}

export function HeldLine({ code, href, title }: { code: string; href: string; title: string }) {
	const { t } = useTranslation('parcels')
	return (
		<li>
			{t('held.inListing', { code, title })}{' '}
			<Link to={href} className="font-medium underline underline-offset-2">
				{t('held.open')}
			</Link>
		</li>
	)
}
