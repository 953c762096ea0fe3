// The village's listing form (new and edit share it): every field of ListingFormSchema, the map
// picker, and the errors next to each field with a summary on top. A plain POST form: without
// JavaScript the map picker's place holds latitude/longitude inputs and a GeoJSON textarea.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link } from '@remix-run/react'
import { useCallback, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ClientOnly } from 'remix-utils/client-only'
import { useHydrated } from 'remix-utils/use-hydrated'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { ErrorList, Field, inputClass, SelectField, SubmitButton, TextareaField, useValidatedForm } from '~/components/forms.tsx'
import MapPicker from '~/components/map-picker.client.tsx'
import { ParcelChooserList, ParcelErrors, ParcelSelectionSummary, type ChooserParcel } from '~/components/parcel-views.tsx'
import { listingFromParcels } from '~/domain/parcel-union.ts'
import { formatNumber } from '~/utils/format.ts'
import { useLocale } from '~/utils/root-data.ts'
import { allowedTransferModes, areaUnitFor, LAND_CLASSES, PRICE_UNITS, TRADING_MODES, type ListingType } from '~/domain/listing.ts'
import type { PublicEnv } from '~/utils/env.server.ts'
import { LISTING_LIMITS } from '~/utils/listing-form.ts'
import { VillageListingSchema, withCrossFieldErrors } from '~/utils/village-form.ts'

export const MAP_PICKER_HEIGHT = 380

/** Error codes with wording of the village namespace (boundary problems); the rest are common's. */
export function useErrorText() {
	const { t } = useTranslation('village')
	return (code: string) => t([`boundary.${code}`, `common:forms.errors.${code}`], { defaultValue: code })
}

function Messages({ id, messages }: { id?: string; messages: string[] }) {
	if (messages.length === 0) return null
	return (
		<ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700" aria-live="polite">
			{messages.map((m) => (
				<li key={m}>{m}</li>
			))}
		</ul>
	)
}

type Defaults = Partial<Record<string, string | string[]>>

/** A parcel as the form's picker gets it: its facts, outline and bounding box. */
export type FormParcel = ChooserParcel & { geometry: string; minLng: number; minLat: number; maxLng: number; maxLat: number }

export function VillageListingForm({
	type,
	lastResult,
	defaultValue,
	center,
	env,
	cancelTo,
	mode = 'new',
	parcels = [],
}: {
	mode?: 'new' | 'edit'
	/** The village's 确权 parcels (land only); with any, the land can be made of them. */
	parcels?: FormParcel[]
	type: ListingType
	lastResult?: SubmissionResult<string[]> | null
	defaultValue?: Defaults
	/** The village's location: the map's first view when nothing is placed yet. */
	center: [number, number]
	env?: PublicEnv
	cancelTo: string
}) {
	const { t } = useTranslation('village')
	const { t: tc } = useTranslation('common')
	const { t: tp } = useTranslation('parcels')
	const errorText = useErrorText()
	const isLand = type === 'LAND'
	const [form, fields] = useValidatedForm({
		id: 'listing',
		lastResult,
		defaultValue: {
			type,
			priceUnit: isLand ? 'YUAN_PER_MU_YEAR' : 'YUAN_PER_YEAR',
			transferMode: allowedTransferModes(type)[0],
			tradingMode: 'NEGOTIATED',
			listingDays: '365',
			...defaultValue,
		},
		onValidate: ({ formData }) => withCrossFieldErrors(parseWithZod(formData, { schema: VillageListingSchema }), formData),
	})
	// The area of a drawn boundary, computed live by the picker; the field is read-only then.
	const [drawnArea, setDrawnArea] = useState<number | null>(null)
	const unit = areaUnitFor(type)
	const initial = (name: keyof typeof fields) => {
		const v = fields[name].initialValue
		return typeof v === 'string' ? v : undefined
	}
	const locale = useLocale()
	const hydrated = useHydrated()
	const hasParcels = isLand && parcels.length > 0
	const [selected, setSelected] = useState<ReadonlySet<string>>(() => {
		const v = fields.parcelIds.initialValue
		return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [])
	})
	// Parcels by default when the village has them, unless the land was drawn by hand before.
	const [source, setSource] = useState<'parcels' | 'drawn'>(hasParcels && (selected.size > 0 || !initial('boundary')) ? 'parcels' : 'drawn')
	// Without JavaScript the typed fields stay (the server fills them from ticked parcels).
	const byParcels = hasParcels && source === 'parcels' && hydrated
	const toggle = useCallback((id: string) => {
		setSelected((current) => {
			const next = new Set(current)
			if (next.has(id)) next.delete(id)
			else next.add(id)
			return next
		})
	}, [])
	const chosen = useMemo(() => parcels.filter((p) => selected.has(p.id)), [parcels, selected])
	const made = useMemo(() => (chosen.length ? listingFromParcels(chosen) : null), [chosen])
	const parcelErrors = fields.parcelIds.errors ?? []
	const initialNumber = (name: 'lat' | 'lng') => {
		const v = Number(initial(name))
		return initial(name) && Number.isFinite(v) ? v : null
	}

	const locationErrors = Array.from(new Set([...(fields.lat.errors ?? []), ...(fields.lng.errors ?? [])])).map((code) =>
		code === 'pickPoint' && isLand ? t('form.drawOrPick') : errorText(code),
	)
	const boundaryErrors = (fields.boundary.errors ?? []).map(errorText)
	const fieldErrorCount = Object.entries(form.allErrors).filter(([name, errors]) => name !== '' && errors.length > 0).length
	const priceUnits = PRICE_UNITS.filter((u) => isLand || u !== 'YUAN_PER_MU_YEAR')

	return (
		<Form method="post" {...getFormProps(form)} className="space-y-6">
			<AuthenticityTokenInput name="csrf" />
			<input type="hidden" name="type" value={type} />
			{form.errors?.length || fieldErrorCount ? (
				<div role="alert" id={form.errorId} className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
					{fieldErrorCount ? <p className="font-medium">{t('form.summary', { count: fieldErrorCount })}</p> : null}
					{form.errors?.length ? (
						<ul className="mt-1 list-disc pl-5">
							{form.errors.map((e) => (
								<li key={e}>{t(`form.problems.${e}`, { defaultValue: e })}</li>
							))}
						</ul>
					) : null}
				</div>
			) : null}

			<section className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5" aria-labelledby="basics-heading">
				<h2 id="basics-heading" className="text-lg font-semibold">
					{t('form.basics')}
				</h2>
				<p className="text-sm text-stone-600">
					{t('form.type')}: <strong>{tc(`types.${type}`)}</strong>
				</p>
				<Field label={t('form.title')} hint={t('form.titleHint', { max: LISTING_LIMITS.titleMax })} {...getInputProps(fields.title, { type: 'text' })} maxLength={LISTING_LIMITS.titleMax + 20} errors={fields.title.errors} />
				<TextareaField
					label={t('form.description')}
					hint={t(`form.descriptionHint.${type}`)}
					{...getTextareaProps(fields.description)}
					rows={6}
					errors={fields.description.errors}
				/>
			</section>

			<section className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5" aria-labelledby="location-heading">
				<h2 id="location-heading" className="text-lg font-semibold">
					{isLand ? t('form.locationLand') : t('form.location')}
				</h2>
				{hasParcels ? (
					<ParcelSource
						hydrated={hydrated}
						source={source}
						onSource={setSource}
						parcels={parcels}
						chosen={chosen}
						selected={selected}
						onToggle={toggle}
						errors={parcelErrors}
						map={
							<ClientOnly fallback={<div className="rounded-lg border border-stone-300 bg-[#eef2e6]" style={{ height: MAP_PICKER_HEIGHT + 28 }} />}>
								{() =>
									env ? (
										<MapPicker
											type={type}
											env={env}
											center={center}
											height={MAP_PICKER_HEIGHT}
											parcels={{ items: parcels, selected, onToggle: toggle, pin: made ? [made.lat, made.lng] : null }}
										/>
									) : null
								}
							</ClientOnly>
						}
					/>
				) : null}
				{byParcels && made ? (
					<>
						<input type="hidden" name="lat" value={made.lat.toFixed(6)} />
						<input type="hidden" name="lng" value={made.lng.toFixed(6)} />
					</>
				) : null}
				{byParcels ? null : (
					<ClientOnly fallback={<ManualLocation isLand={isLand} lat={initial('lat')} lng={initial('lng')} boundary={initial('boundary')} />}>
						{() =>
							env ? (
								<MapPicker
									type={type}
									env={env}
									center={center}
									initialLat={initialNumber('lat')}
									initialLng={initialNumber('lng')}
									initialBoundary={initial('boundary')}
									height={MAP_PICKER_HEIGHT}
									onAreaChange={setDrawnArea}
									describedBy={locationErrors.length || boundaryErrors.length ? 'location-errors' : undefined}
								/>
							) : null
						}
					</ClientOnly>
				)}
				<div id="location-errors">
					<Messages messages={[...locationErrors, ...boundaryErrors]} />
				</div>
			</section>

			<section className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:grid-cols-2 sm:p-5" aria-labelledby="terms-heading">
				<h2 id="terms-heading" className="text-lg font-semibold sm:col-span-2">
					{t('form.terms')}
				</h2>
				{byParcels ? (
					<div>
						<label htmlFor="listing-area-parcels" className="mb-1 block text-sm font-medium text-stone-700">
							{t('form.area', { unit: tc(`units.${unit}`) })}
						</label>
						<input
							id="listing-area-parcels"
							name="area"
							type="number"
							readOnly
							value={made ? made.areaMu : ''}
							aria-describedby="listing-area-parcels-hint"
							className={`${inputClass} bg-stone-100`}
						/>
						<p id="listing-area-parcels-hint" className="mt-1 text-xs text-stone-500">
							{made ? `${formatNumber(made.areaM2, locale, 2)} m² · ` : ''}
							{tp('detail.badge')}
						</p>
						<ErrorList errors={fields.area.errors} />
					</div>
				) : isLand && drawnArea !== null ? (
					<div>
						<label htmlFor="listing-area-computed" className="mb-1 block text-sm font-medium text-stone-700">
							{t('form.area', { unit: tc(`units.${unit}`) })}
						</label>
						<input
							key="computed"
							id="listing-area-computed"
							name="area"
							type="number"
							readOnly
							value={drawnArea}
							aria-describedby="listing-area-computed-hint"
							className={`${inputClass} bg-stone-100`}
						/>
						<p id="listing-area-computed-hint" className="mt-1 text-xs text-stone-500">
							{t('form.areaFromBoundary')}
						</p>
					</div>
				) : (
					<Field
						label={t('form.area', { unit: tc(`units.${unit}`) })}
						hint={isLand ? t('form.areaHintLand') : t('form.areaHint')}
						{...getInputProps(fields.area, { type: 'number' })}
						step="0.01"
						min="0"
						inputMode="decimal"
						errors={fields.area.errors}
					/>
				)}
				{byParcels ? (
					<div>
						<p className="mb-1 block text-sm font-medium text-stone-700">{tp('picker.landClass')}</p>
						<p className="rounded-md border border-stone-200 bg-stone-100 px-3 py-2 text-sm" data-testid="parcel-land-class">
							{made ? tc(`landClasses.${made.landClass}`) : t('form.choose')}
						</p>
						{made ? <input type="hidden" name="landClass" value={made.landClass} /> : null}
					</div>
				) : isLand ? (
					<SelectField label={t('form.landClass')} {...getSelectProps(fields.landClass)} errors={fields.landClass.errors}>
						<option value="">{t('form.choose')}</option>
						{LAND_CLASSES.map((c) => (
							<option key={c} value={c}>
								{tc(`landClasses.${c}`)}
							</option>
						))}
					</SelectField>
				) : null}
				<div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-2 sm:col-span-2 sm:grid-cols-[minmax(0,14rem)_minmax(0,12rem)]">
					<Field label={t('form.price')} {...getInputProps(fields.price, { type: 'number' })} step="0.01" min="0" inputMode="decimal" errors={fields.price.errors} />
					<SelectField label={t('form.priceUnit')} {...getSelectProps(fields.priceUnit)} errors={fields.priceUnit.errors}>
						{priceUnits.map((u) => (
							<option key={u} value={u}>
								{t(`priceUnits.${u}`)}
							</option>
						))}
					</SelectField>
				</div>
				<SelectField label={t('form.transferMode')} hint={type === 'FARMHOUSE' ? t('form.farmhouseModes') : undefined} {...getSelectProps(fields.transferMode)} errors={fields.transferMode.errors}>
					{allowedTransferModes(type).map((m) => (
						<option key={m} value={m}>
							{tc(`transferModes.${m}`)}
						</option>
					))}
				</SelectField>
				<SelectField label={t('form.tradingMode')} {...getSelectProps(fields.tradingMode)} errors={fields.tradingMode.errors}>
					{TRADING_MODES.map((m) => (
						<option key={m} value={m}>
							{tc(`tradingModes.${m}`)}
						</option>
					))}
				</SelectField>
				<Field label={t('form.termYears')} hint={t('form.termHint', { max: LISTING_LIMITS.termMax })} {...getInputProps(fields.termYears, { type: 'number' })} min="1" step="1" inputMode="numeric" errors={fields.termYears.errors} />
				<Field label={t('form.listingDays')} hint={t('form.listingDaysHint')} {...getInputProps(fields.listingDays, { type: 'number' })} min="7" step="1" inputMode="numeric" errors={fields.listingDays.errors} />
			</section>

			<section className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:grid-cols-2 sm:p-5" aria-labelledby="contact-heading">
				<h2 id="contact-heading" className="text-lg font-semibold sm:col-span-2">
					{t('form.contact')}
				</h2>
				<p className="-mt-2 text-sm text-stone-600 sm:col-span-2">{t('form.contactHint')}</p>
				<Field label={t('form.contactName')} {...getInputProps(fields.contactName, { type: 'text' })} autoComplete="name" errors={fields.contactName.errors} />
				<Field label={t('form.contactPhone')} {...getInputProps(fields.contactPhone, { type: 'tel' })} autoComplete="tel" errors={fields.contactPhone.errors} />
			</section>

			<ErrorList errors={fields.type.errors} />
			<div className="flex flex-wrap items-center gap-3">
				<SubmitButton name="intent" value="save">
					{mode === 'new' ? t('form.save') : t('form.saveChanges')}
				</SubmitButton>
				<Link to={cancelTo} className="text-sm text-stone-700 underline underline-offset-2">
					{t('form.cancel')}
				</Link>
				<p className="text-sm text-stone-500">{t('form.saveHint')}</p>
			</div>
		</Form>
	)
}

/**
 * Where the land's boundary comes from when the village has surveyed parcels: the parcels (map and
 * checkbox list) or a drawing. Without JavaScript both are on the page: ticked boxes win.
 */
function ParcelSource({
	hydrated,
	source,
	onSource,
	parcels,
	chosen,
	selected,
	onToggle,
	errors,
	map,
}: {
	hydrated: boolean
	source: 'parcels' | 'drawn'
	onSource: (s: 'parcels' | 'drawn') => void
	parcels: FormParcel[]
	chosen: FormParcel[]
	selected: ReadonlySet<string>
	onToggle: (id: string) => void
	errors: string[]
	map: ReactNode
}) {
	const { t } = useTranslation('parcels')
	const locale = useLocale()
	const errorId = errors.length ? 'parcel-errors' : undefined
	return (
		<div className="space-y-3">
			{hydrated ? (
				<fieldset className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
					<legend className="mb-1 font-medium text-stone-700">{t('picker.modeLabel')}</legend>
					{(['parcels', 'drawn'] as const).map((s) => (
						<label key={s} className="flex items-center gap-2">
							<input type="radio" name="boundarySource" value={s} checked={source === s} onChange={() => onSource(s)} />
							{s === 'parcels' ? t('picker.modeParcels') : t('picker.modeDrawn')}
						</label>
					))}
				</fieldset>
			) : null}
			{source === 'parcels' || !hydrated ? (
				<div className="space-y-3">
					<h3 className="font-semibold">{t('picker.heading')}</h3>
					<p className="text-sm text-stone-600">
						{t('picker.help')} {hydrated ? null : t('picker.noJsHint')}
					</p>
					{map}
					{hydrated ? <ParcelSelectionSummary parcels={chosen} locale={locale} /> : null}
					<ParcelErrors id={errorId} errors={errors} />
					<ParcelChooserList parcels={parcels} selected={selected} onToggle={hydrated ? onToggle : undefined} describedBy={errorId} />
				</div>
			) : null}
			{hydrated ? null : <h3 className="pt-2 font-semibold">{t('picker.modeDrawn')}</h3>}
		</div>
	)
}

/** Before the map loads (or without JavaScript): the same values typed by hand. */
function ManualLocation({ isLand, lat, lng, boundary }: { isLand: boolean; lat?: string; lng?: string; boundary?: string }) {
	const { t } = useTranslation('village')
	return (
		<div className="flex flex-col gap-3 rounded-lg border border-dashed border-stone-300 bg-[#eef2e6] p-4" style={{ minHeight: MAP_PICKER_HEIGHT + 100 }}>
			<p className="text-sm text-stone-700">{t('picker.manualHelp')}</p>
			<div className="grid grid-cols-2 gap-3">
				<Field label={t('picker.lat')} name="lat" id="manual-lat" type="number" step="any" inputMode="decimal" defaultValue={lat} />
				<Field label={t('picker.lng')} name="lng" id="manual-lng" type="number" step="any" inputMode="decimal" defaultValue={lng} />
			</div>
			{isLand ? (
				<TextareaField
					label={t('picker.boundary')}
					hint={t('picker.boundaryHint')}
					name="boundary"
					id="manual-boundary"
					rows={4}
					defaultValue={boundary}
					className="font-mono"
				/>
			) : null}
		</div>
	)
}
