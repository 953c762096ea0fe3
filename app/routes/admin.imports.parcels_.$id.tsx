// /admin/imports/parcels/:id — one parcel import: its preview report (counts, problems with row
// numbers, CRS, villages, a map), the mapping step, then commit or cancel; while the commit runs,
// its progress (the page reloads its data every second; without JavaScript, a refresh link).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ImportProgress } from '~/components/import-progress.tsx'
import { ImportChoicesForm, ImportErrors, ImportMapSection, ImportSamples, ImportSummary } from '~/components/parcel-import-preview.tsx'
import { getImport, shownProgress } from '~/models/data-import.server.ts'
import type { ParcelReport } from '~/models/parcel-import.server.ts'
import { readChoices, villageChoices } from '~/models/parcel-import.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { formatNumber } from '~/utils/format.ts'
import { readForm } from '~/utils/form.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { knownValue } from '~/utils/page-notice.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { IMPORT_NOTICES, type ActionAnswer } from '~/utils/parcel-import-page.ts'
import { changeParcelImport } from './admin.imports.parcels_.$id.server.ts'

export const handle = { i18n: ['admin', 'imports'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:imports')
	const row = await getImport(params.id ?? '', 'PARCELS')
	invariantResponse(row, 'Not found', { status: 404 })
	const report = row.report ? (JSON.parse(row.report) as ParcelReport) : null
	// The villages to choose from, only while the choices can still change.
	const villages = row.status === 'PREVIEW' ? await villageChoices() : []
	const { stagedFile: _staged, fileHash: _hash, mapping, ...rest } = row
	return { import: { ...rest, progress: shownProgress(row) }, report, choices: readChoices(mapping), villages }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'admin:imports')
	const form = await readForm(request)
	await validateCSRF(form, request.headers)
	return changeParcelImport(params.id ?? '', user.id, form)
}

export type PreviewData = ReturnType<typeof useLoaderData<typeof loader>>

export default function ParcelImport() {
	const loaded = useLoaderData<typeof loader>()
	const { import: row, report } = loaded
	const { t } = useTranslation('imports')
	const locale = useLocale()
	const answer = useActionData<ActionAnswer>()
	const [params] = useSearchParams()
	const notice = knownValue(IMPORT_NOTICES, params.get('notice'))
	const running = row.status === 'RUNNING'
	const unmatched = report?.villages.filter((v) => !v.villageId).length ?? 0
	const nothingToWrite = report ? report.counts.new + report.counts.update === 0 : true

	return (
		<div>
			<Link to="/admin/imports/parcels" className="text-sm text-brand-700 hover:underline">
				← {t('preview.back')}
			</Link>
			<h1 className="mt-2 break-words text-2xl font-bold">{t('preview.title', { file: row.fileName })}</h1>
			<div aria-live="polite">
				{notice && !(notice === 'started' && !running) ? <p className="mt-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">{t(`preview.${notice}`)}</p> : null}
				{answer ? <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{t(`preview.${answer.problem}`)}</p> : null}
				{row.status === 'COMMITTED' ? (
					<p data-testid="import-result" className="mt-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
						{t('preview.committed', { inserted: formatNumber(row.inserted, locale, 0), updated: formatNumber(row.updated, locale, 0), unchanged: formatNumber(row.unchanged, locale, 0) })}
					</p>
				) : null}
				{row.status === 'FAILED' ? (
					<p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
						{t('preview.failed', { reason: t(`failures.${row.error}`, { defaultValue: t(`refusals.${row.error}`, { defaultValue: row.error ?? '' }) }) })}
					</p>
				) : null}
				{row.status === 'CANCELLED' ? <p className="mt-3 rounded-md bg-stone-100 px-3 py-2 text-sm text-stone-800">{t('preview.cancelled')}</p> : null}
			</div>

			{running ? (
				<ImportProgress progress={row.progress}>
					<ImportActionButton intent="cancel" label={t('preview.cancel')} secondary />
				</ImportProgress>
			) : null}

			{report ? <ImportSummary report={report} crs={row.sourceCrs} /> : null}

			{report && row.status === 'PREVIEW' ? (
				<section aria-labelledby="commit-heading" className="mt-6 max-w-3xl rounded-lg border border-brand-100 bg-white p-4 shadow-sm">
					<h2 id="commit-heading" className="font-semibold">
						{t('preview.commitHeading')}
					</h2>
					<p className="mt-1 text-sm text-stone-700">
						{nothingToWrite
							? t('preview.nothingToWrite')
							: t('preview.commitIntro', { new: formatNumber(report.counts.new, locale, 0), update: formatNumber(report.counts.update, locale, 0), invalid: formatNumber(report.counts.invalid, locale, 0) })}
					</p>
					{unmatched > 0 ? <p className="mt-2 text-sm font-medium text-amber-800">{t('preview.unmatchedNote', { count: unmatched })}</p> : null}
					<div className="mt-3 flex flex-wrap gap-3">
						<ImportActionButton intent="commit" label={t('preview.commit')} disabled={unmatched > 0} />
						<ImportActionButton intent="cancel" label={t('preview.cancel')} secondary />
					</div>
				</section>
			) : null}

			{report ? (
				<>
					{row.status === 'PREVIEW' ? <ImportChoicesForm report={report} choices={loaded.choices} villages={loaded.villages} /> : null}
					<ImportSamples report={report} />
					<ImportMapSection report={report} />
					<ImportErrors report={report} />
				</>
			) : null}
		</div>
	)
}

function ImportActionButton({ intent, label, disabled, secondary }: { intent: 'commit' | 'cancel'; label: string; disabled?: boolean; secondary?: boolean }) {
	return (
		<Form method="post" className="mt-3 inline-block">
			<AuthenticityTokenInput name="csrf" />
			<button
				type="submit"
				name="intent"
				value={intent}
				disabled={disabled}
				className={
					secondary
						? 'rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-50'
						: 'rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-50'
				}
			>
				{label}
			</button>
		</Form>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'imports')('preview.title', { file: data?.import.fileName ?? '' })) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
