import { Form, Link } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LISTING_TYPES, TRANSFER_MODES, type AreaUnit, type ListingType, type PriceUnit } from '~/domain/listing.ts'
import { PRICE_UNIT_ORDER } from '~/domain/units.ts'
import { formatSearchPolygon } from '~/domain/search-area.ts'
import { AREA_UNITS, defaultAreaUnit, defaultPriceUnit, filtersToParams, parseListingQuery, SORTS, type ListingQuery } from '~/utils/listing-query.ts'
import { DEFAULT_BBOX } from '~/utils/map-style.ts'
import { bboxAround, TOWN_ZOOM, VILLAGE_ZOOM } from '~/utils/map-view.ts'
import { latestQuery, useHomeNavigate } from '~/utils/home-url.ts'

type Place = { code: string; name: string; nameEn: string; lat: number; lng: number }
export type TownOption = Place & { villages: Place[] }

/** Typing waits this long after the last key before the list and map follow. */
const TYPING_DELAY_MS = 500

/**
 * With JavaScript the filters apply as they change: choices at once, typed words and numbers after
 * a pause. A town or village picked also moves the map there. The view comes from the URL as it
 * will be (the map may have moved since this form rendered).
 */
function useApplyOnChange(towns: TownOption[]) {
	const go = useHomeNavigate()
	const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
	useEffect(() => () => {
		if (timer.current) clearTimeout(timer.current)
	}, [])
	// A press of 筛选 (or Enter) submits at once: no pause left to submit again.
	const cancel = () => {
		if (timer.current) clearTimeout(timer.current)
	}
	const onChange = (e: FormEvent<HTMLFormElement>) => {
		const target = e.target
		if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return
		const form = e.currentTarget
		const typed = target instanceof HTMLInputElement && (target.type === 'search' || target.type === 'number')
		const place = target.name === 'town' ? towns.find((tw) => tw.code === target.value) : target.name === 'village' ? towns.flatMap((tw) => tw.villages).find((v) => v.code === target.value) : undefined
		const placeZoom = target.name === 'town' ? TOWN_ZOOM : VILLAGE_ZOOM
		const townChanged = target.name === 'town'
		if (timer.current) clearTimeout(timer.current)
		// Choices wait for React to apply what they change in the form (a type moves the units).
		timer.current = setTimeout(() => {
			const params = new URLSearchParams()
			for (const [k, v] of new FormData(form)) if (typeof v === 'string') params.append(k, v)
			// Another town's villages: the old village no longer applies.
			if (townChanged) params.delete('village')
			const { query } = parseListingQuery(params)
			const now = latestQuery()
			let bbox = now.bbox
			let zoom = now.zoom
			if (place) {
				bbox = bboxAround(place.lng, place.lat, placeZoom, bbox ?? DEFAULT_BBOX, zoom)
				zoom = placeZoom
			}
			go(filtersToParams({ ...query, bbox, zoom, page: 1 }), { movesMap: !!place })
		}, typed ? TYPING_DELAY_MS : 0)
	}
	return { onChange, onSubmit: cancel }
}

const input = 'rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600'
const field = `w-full ${input}`
const label = 'mb-1 block text-xs font-medium text-stone-600'
// In a range row: the two numbers share the room the unit leaves.
const rangeField = `min-w-0 flex-1 ${input}`
const unitField = `flex-none ${input}`
const hint = 'mt-0.5 text-xs text-stone-500'

/** A plain GET form: it filters before JavaScript loads, and the URL carries every filter. */
export function ListingFilters({ query, towns, locale }: { query: ListingQuery; towns: TownOption[]; locale: 'zh' | 'en' }) {
	const { t } = useTranslation('map')
	const [town, setTown] = useState(query.town ?? '')
	const [type, setType] = useState(query.types.length === 1 ? query.types[0] : '')
	const [areaUnit, setAreaUnit] = useState<AreaUnit>(query.areaUnit)
	const [priceUnit, setPriceUnit] = useState<PriceUnit>(query.priceUnit)
	// Picking a type moves a unit still at the old type's default to the new type's (land: 亩, 元/亩·年).
	const changeType = (next: string) => {
		const types = (v: string) => (v ? [v as ListingType] : [])
		if (areaUnit === defaultAreaUnit(types(type))) setAreaUnit(defaultAreaUnit(types(next)))
		if (priceUnit === defaultPriceUnit(types(type))) setPriceUnit(defaultPriceUnit(types(next)))
		setType(next)
	}
	const name = (x: { name: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.name)
	const villageTowns = town ? towns.filter((tw) => tw.code === town) : towns
	const apply = useApplyOnChange(towns)
	return (
		<Form method="get" action="/" onChange={apply.onChange} onSubmit={apply.onSubmit} className="grid grid-cols-2 gap-x-3 gap-y-2 sm:grid-cols-4 lg:grid-cols-8" aria-label={t('filters.title')}>
			{query.bbox ? <input type="hidden" name="bbox" value={query.bbox.join(',')} /> : null}
			{query.bbox ? <input type="hidden" name="zoom" value={query.zoom} /> : null}
			{/* The area drawn on the map stays while other filters change. */}
			{query.polygon ? <input type="hidden" name="polygon" value={formatSearchPolygon(query.polygon)} /> : null}
			<div className="col-span-2">
				<label htmlFor="f-q" className={label}>
					{t('filters.q')}
				</label>
				<input id="f-q" type="search" name="q" defaultValue={query.q ?? ''} maxLength={100} placeholder={t('filters.qPlaceholder')} className={field} />
			</div>
			<div>
				<label htmlFor="f-type" className={label}>
					{t('filters.type')}
				</label>
				<select id="f-type" name="type" value={type} onChange={(e) => changeType(e.target.value)} className={field}>
					<option value="">{t('filters.anyType')}</option>
					{LISTING_TYPES.map((type) => (
						<option key={type} value={type}>
							{t(`common:types.${type}`)}
						</option>
					))}
				</select>
			</div>
			<div>
				<label htmlFor="f-town" className={label}>
					{t('filters.town')}
				</label>
				<select id="f-town" name="town" value={town} onChange={(e) => setTown(e.target.value)} className={field}>
					<option value="">{t('filters.anyTown')}</option>
					{towns.map((tw) => (
						<option key={tw.code} value={tw.code}>
							{name(tw)}
						</option>
					))}
				</select>
			</div>
			<div>
				<label htmlFor="f-village" className={label}>
					{t('filters.village')}
				</label>
				<select id="f-village" name="village" defaultValue={query.village ?? ''} key={town} className={field}>
					<option value="">{t('filters.anyVillage')}</option>
					{villageTowns.map((tw) => (
						<optgroup key={tw.code} label={name(tw)}>
							{tw.villages.map((v) => (
								<option key={v.code} value={v.code}>
									{name(v)}
								</option>
							))}
						</optgroup>
					))}
				</select>
			</div>
			<div>
				<label htmlFor="f-mode" className={label}>
					{t('filters.mode')}
				</label>
				<select id="f-mode" name="mode" defaultValue={query.mode ?? ''} className={field}>
					<option value="">{t('filters.anyMode')}</option>
					{TRANSFER_MODES.map((m) => (
						<option key={m} value={m}>
							{t(`common:transferModes.${m}`)}
						</option>
					))}
				</select>
			</div>
			<fieldset className="col-span-2 min-w-0">
				<legend className={label}>{t('filters.area')}</legend>
				<div className="flex gap-1">
					<input type="number" name="minArea" min={0} step="any" inputMode="decimal" defaultValue={query.minArea ?? ''} placeholder={t('filters.min')} aria-label={`${t('filters.area')} ${t('filters.min')}`} className={rangeField} />
					<input type="number" name="maxArea" min={0} step="any" inputMode="decimal" defaultValue={query.maxArea ?? ''} placeholder={t('filters.max')} aria-label={`${t('filters.area')} ${t('filters.max')}`} className={rangeField} />
					<select id="f-area-unit" name="areaUnit" value={areaUnit} onChange={(e) => setAreaUnit(e.target.value as AreaUnit)} aria-label={t('filters.areaUnit')} className={unitField}>
						{AREA_UNITS.map((u) => (
							<option key={u} value={u}>
								{t(`filters.areaUnits.${u}`)}
							</option>
						))}
					</select>
				</div>
				<p className={hint}>{t('filters.areaHint')}</p>
			</fieldset>
			<fieldset className="col-span-2 min-w-0 lg:col-span-3">
				<legend className={label}>{t('filters.price')}</legend>
				<div className="flex gap-1">
					<input type="number" name="minPrice" min={0} step="any" inputMode="decimal" defaultValue={query.minPrice ?? ''} placeholder={t('filters.min')} aria-label={`${t('filters.price')} ${t('filters.min')}`} aria-describedby="f-price-hint" className={rangeField} />
					<input type="number" name="maxPrice" min={0} step="any" inputMode="decimal" defaultValue={query.maxPrice ?? ''} placeholder={t('filters.max')} aria-label={`${t('filters.price')} ${t('filters.max')}`} aria-describedby="f-price-hint" className={rangeField} />
					<select id="f-price-unit" name="priceUnit" value={priceUnit} onChange={(e) => setPriceUnit(e.target.value as PriceUnit)} aria-label={t('filters.priceUnit')} className={unitField}>
						{PRICE_UNIT_ORDER.map((u) => (
							<option key={u} value={u}>
								{t(`filters.priceUnits.${u}`)}
							</option>
						))}
					</select>
				</div>
				<p id="f-price-hint" className={hint}>
					{t('filters.priceHint')}
				</p>
			</fieldset>
			<div className="col-span-2 flex items-end gap-2 self-start sm:col-span-4 lg:col-span-3">
				<div className="w-40">
					<label htmlFor="f-sort" className={label}>
						{t('filters.sort')}
					</label>
					<select id="f-sort" name="sort" defaultValue={query.sort} className={field}>
						{SORTS.map((s) => (
							<option key={s} value={s}>
								{t(`filters.sorts.${s}`)}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="rounded-md bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1">
					{t('filters.submit')}
				</button>
				<Link to={query.bbox ? `/?bbox=${query.bbox.join(',')}&zoom=${query.zoom}` : '/'} className="px-2 py-1.5 text-sm text-stone-600 underline hover:text-stone-900">
					{t('filters.reset')}
				</Link>
			</div>
		</Form>
	)
}
