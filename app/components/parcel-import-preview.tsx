// The sections of a parcel import's preview page: the summary, the mapping and village choices,
// the map of what will be imported, and the features with problems (by row number).
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { ClientOnly } from 'remix-utils/client-only'
import { AdminTable, num, td, tdTop } from '~/components/admin-ui.tsx'
import { Fact } from '~/components/fact.tsx'
import { ImportMap } from '~/components/import-map.client.tsx'
import { PARCEL_FIELDS } from '~/domain/parcel-fields.ts'
import type { ImportChoices } from '~/models/parcel-import/analyse.server.ts'
import type { ParcelReport } from '~/models/parcel-import.server.ts'
import { formatNumber } from '~/utils/format.ts'
import { useLocale, useRootData } from '~/utils/root-data.ts'

const MAP_HEIGHT = 360
type Village = { id: string; name: string; nameEn: string; town: { name: string; nameEn: string } }

export function ImportSummary({ report, crs }: { report: ParcelReport; crs: string | null }) {
	const { t } = useTranslation('imports')
	const locale = useLocale()
	const n = (v: number) => formatNumber(v, locale, 0)
	const c = report.counts
	return (
		<section aria-labelledby="summary-heading" className="mt-6">
			<h2 id="summary-heading" className="text-lg font-semibold">
				{t('preview.summary')}
			</h2>
			<div className="mt-3 grid gap-6 md:grid-cols-2">
				<dl data-testid="import-counts" className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white px-4 text-sm shadow-sm">
					<Fact label={t('preview.features')}>{n(c.features)}</Fact>
					<Fact label={t('preview.valid')}>{n(c.valid)}</Fact>
					<Fact label={t('preview.invalid')}>{n(c.invalid)}</Fact>
					<Fact label={t('preview.new')}>{n(c.new)}</Fact>
					<Fact label={t('preview.update')}>{n(c.update)}</Fact>
					<Fact label={t('preview.unchanged')}>{n(c.unchanged)}</Fact>
				</dl>
				<dl className="divide-y divide-stone-100 self-start rounded-lg border border-stone-200 bg-white px-4 text-sm shadow-sm">
					<Fact label={t('preview.format')}>{t(`preview.formats.${report.format}`, { defaultValue: report.format })}</Fact>
					<Fact label={t('preview.crs')}>{crs ?? `EPSG:${report.epsg}`}</Fact>
					{report.encoding ? <Fact label={t('preview.encoding')}>{report.encoding.toUpperCase()}</Fact> : null}
				</dl>
			</div>
		</section>
	)
}

export function ImportSamples({ report }: { report: ParcelReport }) {
	const { t } = useTranslation('imports')
	const locale = useLocale()
	if (report.samples.length === 0) return null
	return (
		<section aria-labelledby="samples-heading" className="mt-8">
			<h2 id="samples-heading" className="text-lg font-semibold">
				{t('preview.sample')}
			</h2>
			<AdminTable id="samples" caption={t('preview.sample')} headers={[t('preview.code'), t('preview.fields.name'), t('preview.fields.parcelClass'), t('preview.fields.basicFarmland'), t('preview.fields.surveyedAreaM2'), t('preview.fields.surveyedAreaMu')]}>
				<tbody className="divide-y divide-stone-100">
					{report.samples.map((s) => (
						<tr key={s.code}>
							<td className={`${td} font-mono`}>{s.code}</td>
							<td className={td}>{s.name ?? '—'}</td>
							<td className={td}>{s.parcelClass ?? '—'}</td>
							<td className={td}>{s.basicFarmland === null ? '—' : t(s.basicFarmland ? 'preview.yes' : 'preview.no')}</td>
							<td className={num}>{formatNumber(s.surveyedAreaM2, locale, 2)}</td>
							<td className={num}>{formatNumber(s.surveyedAreaMu, locale, 2)}</td>
						</tr>
					))}
				</tbody>
			</AdminTable>
		</section>
	)
}

export function ImportChoicesForm({ report, choices, villages }: { report: ParcelReport; choices: ImportChoices; villages: Village[] }) {
	const { t } = useTranslation('imports')
	const locale = useLocale()
	const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name)
	const select = 'w-full min-w-[12rem] rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm'
	return (
		<Form method="post" className="mt-8">
			<AuthenticityTokenInput name="csrf" />
			<section aria-labelledby="villages-heading">
				<h2 id="villages-heading" className="text-lg font-semibold">
					{t('preview.villagesHeading')}
				</h2>
				<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('preview.villagesIntro')}</p>
				<AdminTable id="villages" caption={t('preview.villagesHeading')} headers={[t('preview.employerCode'), t('preview.parcels'), t('preview.village')]}>
					<tbody className="divide-y divide-stone-100">
						{report.villages.map((v) => (
							<tr key={v.employerCode} className={v.villageId ? undefined : 'bg-amber-50'}>
								<td className={`${td} font-mono`}>{v.employerCode}</td>
								<td className={num}>{formatNumber(v.count, locale, 0)}</td>
								<td className={tdTop}>
									<select name={`village.${v.employerCode}`} defaultValue={choices.villages[v.employerCode] ?? v.villageId ?? ''} aria-label={`${t('preview.village')} ${v.employerCode}`} className={select}>
										<option value="">{t('preview.pickVillage')}</option>
										{villages.map((x) => (
											<option key={x.id} value={x.id}>
												{name(x.town)} · {name(x)}
											</option>
										))}
									</select>
									{v.how ? <span className="ml-2 text-xs text-stone-500">{t(`preview.how.${v.how}`)}</span> : null}
								</td>
							</tr>
						))}
					</tbody>
				</AdminTable>
			</section>
			<details className="mt-6" open={report.mapping.code === null || report.mapping.surveyedAreaM2 === null}>
				<summary className="cursor-pointer text-lg font-semibold">{t('preview.mappingHeading')}</summary>
				<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('preview.mappingIntro')}</p>
				<AdminTable id="mapping" caption={t('preview.mappingHeading')} headers={[t('preview.field'), t('preview.column')]}>
					<tbody className="divide-y divide-stone-100">
						{PARCEL_FIELDS.map((field) => (
							<tr key={field}>
								<td className={td}>
									<label htmlFor={`field-${field}`}>{t(`preview.fields.${field}`)}</label>
								</td>
								<td className={tdTop}>
									<select id={`field-${field}`} name={`field.${field}`} defaultValue={report.mapping[field] ?? ''} className={select}>
										<option value="">{t('preview.noColumn')}</option>
										{report.columns.map((column) => (
											<option key={column} value={column}>
												{column}
											</option>
										))}
									</select>
								</td>
							</tr>
						))}
					</tbody>
				</AdminTable>
			</details>
			<button type="submit" name="intent" value="choices" className="mt-4 rounded-md border border-brand-700 bg-white px-4 py-2 text-sm font-semibold text-brand-800 hover:bg-brand-50">
				{t('preview.saveChoices')}
			</button>
		</Form>
	)
}

export function ImportMapSection({ report }: { report: ParcelReport }) {
	const { t } = useTranslation('imports')
	const locale = useLocale()
	const env = useRootData()?.ENV
	const box = report.bbox
	const f = (v: number) => formatNumber(v, locale, 4)
	return (
		<section aria-labelledby="import-map-heading" className="mt-8">
			<h2 id="import-map-heading" className="text-lg font-semibold">
				{t('preview.mapHeading')}
			</h2>
			{box ? (
				<>
					<p className="mt-1 text-sm text-stone-600">{t('preview.mapNote', { shown: formatNumber(report.outlines.length, locale, 0), total: formatNumber(report.counts.valid, locale, 0) })}</p>
					<div className="mt-3">
						<ClientOnly
							fallback={
								<div className="flex items-center justify-center rounded-lg border border-stone-200 bg-[#eef2e6] text-sm text-stone-600" style={{ height: MAP_HEIGHT }}>
									{t('preview.mapSkeleton', { west: f(box[0]), east: f(box[2]), south: f(box[1]), north: f(box[3]) })}
								</div>
							}
						>
							{() => (env ? <ImportMap outlines={report.outlines} bbox={box} env={env} height={MAP_HEIGHT} label={t('preview.mapLabel')} /> : null)}
						</ClientOnly>
					</div>
				</>
			) : (
				<p className="mt-2 text-sm text-stone-600">{t('preview.noMap')}</p>
			)}
		</section>
	)
}

export function ImportErrors({ report }: { report: ParcelReport }) {
	const { t } = useTranslation('imports')
	const locale = useLocale()
	const counts = Object.entries(report.problemCounts)
	return (
		<section aria-labelledby="errors-heading" className="mt-8">
			<h2 id="errors-heading" className="text-lg font-semibold">
				{t('preview.errorsHeading')}
			</h2>
			{report.counts.invalid === 0 ? (
				<p className="mt-2 text-sm text-stone-600">{t('preview.noErrors')}</p>
			) : (
				<>
					<p className="mt-1 text-sm text-stone-600">{t('preview.errorsShown', { count: report.counts.invalid, shown: report.errors.length })}</p>
					<ul aria-label={t('preview.problemCounts')} className="mt-2 flex flex-wrap gap-2 text-sm">
						{counts.map(([problem, n]) => (
							<li key={problem} className="rounded bg-red-50 px-2 py-0.5 text-red-800">
								{t(`problems.${problem}`, { defaultValue: problem })}: {formatNumber(n ?? 0, locale, 0)}
							</li>
						))}
					</ul>
					<AdminTable id="errors" caption={t('preview.errorsHeading')} headers={[t('preview.row'), t('preview.code'), t('preview.problems')]}>
						<tbody className="divide-y divide-stone-100">
							{report.errors.map((e) => (
								<tr key={e.row}>
									<td className={num}>{e.row}</td>
									<td className={`${td} font-mono`}>{e.code ?? '—'}</td>
									<td className={tdTop}>{e.problems.map((p) => t(`problems.${p}`, { defaultValue: p })).join('；')}</td>
								</tr>
							))}
						</tbody>
					</AdminTable>
				</>
			)}
		</section>
	)
}
