// /admin/imports/ledger/:id — one 台账 import's preview: the counts, the rows with errors (by
// their row number in the sheet), each distinct (town, village) pair of names with what it
// matched. The administrator confirms the matches (picking the village where the name was not
// found, or only loosely), then commits (one transaction) or cancels. Three intents; works
// without JavaScript.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { AdminTable, num, td } from '~/components/admin-ui.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, SubmitButton } from '~/components/forms.tsx'
import { ImportProgress } from '~/components/import-progress.tsx'
import { LEDGER_COLUMNS } from '~/domain/ledger-row.ts'
import { cancelImport, discardStaged, getImport, shownProgress, type ImportStatus } from '~/models/data-import.server.ts'
import { confirmPlaces, readMapping, readReport, startLedgerCommit, villageChoices } from '~/models/ledger-import/ledger-import.server.ts'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'

export const handle = { i18n: ['common', 'admin', 'filing', 'imports'] }

const ID = /^[a-z0-9]{1,40}$/

async function load(id: string | undefined) {
	invariantResponse(id && ID.test(id), 'Not found', { status: 404 })
	const row = await getImport(id, 'LEDGER')
	invariantResponse(row, 'Not found', { status: 404 })
	return row
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:imports')
	const row = await load(params.id)
	const report = readReport(row)
	const mapping = readMapping(row)
	const choices = row.status === 'PREVIEW' ? await villageChoices() : []
	return {
		imp: { id: row.id, fileName: row.fileName, status: row.status as ImportStatus, total: row.total, valid: row.valid, invalid: row.invalid, inserted: row.inserted, unchanged: row.unchanged, error: row.error, progress: shownProgress(row) },
		report,
		picks: Object.fromEntries((report?.places ?? []).map((p) => [p.key, mapping[p.key] ?? ''])),
		confirmed: mapping.confirmed === 'yes',
		choices,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'admin:imports')
	const row = await load(params.id)
	const form = await readForm(request)
	await validateCSRF(form, request.headers)
	const intent = form.get('intent')
	if (intent === 'confirm') {
		const places = readReport(row)?.places ?? []
		const picks: Record<string, string> = {}
		places.forEach((p, i) => {
			const v = form.get(`pick-${i}`)
			if (typeof v === 'string' && v) picks[p.key] = v
		})
		if (Object.keys(picks).length !== places.length) return data({ error: 'badVillage' }, { status: 400 })
		const result = await confirmPlaces(row.id, picks)
		if (!result.ok) return data({ error: result.problem === 'notOpen' ? 'notOpenConfirm' : result.problem }, { status: result.problem === 'notOpen' ? 409 : 400 })
		return redirect(`/admin/imports/ledger/${row.id}`)
	}
	if (intent === 'commit') {
		// Runs on in the background: the page shows its progress, then its result.
		const result = await startLedgerCommit(row.id, user, now())
		if (!result.ok) return data({ error: result.problem }, { status: 409 })
		return redirect(`/admin/imports/ledger/${row.id}`)
	}
	if (intent === 'cancel') {
		const cancelled = await cancelImport(row.id, user.id)
		if (cancelled === 'finishing') return data({ error: 'finishing' }, { status: 409 })
		if (cancelled === 'cancelled' && row.status === 'PREVIEW') await discardStaged(row.stagedFile)
		return redirect(`/admin/imports/ledger/${row.id}`)
	}
	return data({ error: 'notOpen' }, { status: 400 })
}

export const shouldRevalidate = revalidateAfterRefusal

const HEADERS = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c.header]))

export default function LedgerImportRoute() {
	const { imp, report, picks, confirmed, choices } = useLoaderData<typeof loader>()
	const refusal = useActionData<typeof action>()
	const busy = useNavigation().state === 'submitting'
	const { t } = useTranslation('filing')
	const open = imp.status === 'PREVIEW'
	const towns = [...new Set(choices.map((c) => c.townName))]
	const status = {
		COMMITTED: t('preview.committed', { inserted: imp.inserted, unchanged: imp.unchanged, invalid: imp.invalid }),
		CANCELLED: t('preview.cancelled'),
		FAILED: imp.error === 'interrupted' ? t('preview.interrupted') : t('preview.failed'),
	} as Partial<Record<ImportStatus, string>>
	return (
		<div className="space-y-6">
			<div>
				<Link to="/admin/imports/ledger" className="text-sm text-brand-700 underline-offset-2 hover:underline">
					← {t('preview.back')}
				</Link>
				<h1 className="mt-2 text-2xl font-bold">{t('preview.title')}</h1>
				<p className="mt-1 break-all text-sm text-stone-600">{imp.fileName}</p>
			</div>
			<p data-testid="import-counts" className="max-w-3xl rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm shadow-sm">
				{t('preview.counts', { total: imp.total, valid: imp.valid, invalid: imp.invalid, existing: report?.existing ?? 0 })}
			</p>
			{status[imp.status] ? (
				<p role="status" data-testid="import-status" className="max-w-3xl rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
					{status[imp.status]}
				</p>
			) : null}
			{refusal ? (
				<p role="alert" className="max-w-3xl rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
					{t(`preview.problemsOnCommit.${refusal.error as 'notOpen'}`)}
				</p>
			) : null}

			{imp.status === 'RUNNING' ? (
				<ImportProgress progress={imp.progress}>
					<Form method="post" className="mt-3">
						<AuthenticityTokenInput />
						<button type="submit" name="intent" value="cancel" className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-700 hover:bg-stone-50">
							{t('preview.cancel')}
						</button>
					</Form>
				</ImportProgress>
			) : null}

			{report?.parcelWarnings && report.parcelWarnings.length > 0 ? (
				<section aria-labelledby="warnings-heading">
					<h2 id="warnings-heading" className="text-lg font-semibold">
						{t('preview.warningsTitle')}
					</h2>
					<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('preview.warningsHint')}</p>
					{(report.parcelWarningCount ?? 0) > report.parcelWarnings.length ? (
						<p className="text-sm text-stone-600">{t('preview.warningsMore', { shown: report.parcelWarnings.length, count: report.parcelWarningCount })}</p>
					) : null}
					<AdminTable id="parcel-warnings" caption={t('preview.warningsTitle')} headers={[t('preview.warningColumns.row'), t('preview.warningColumns.codes')]}>
						<tbody className="divide-y divide-stone-100">
							{report.parcelWarnings.map((w) => (
								<tr key={w.row} data-testid="parcel-warning">
									<td className={num}>{w.row}</td>
									<td className={`${td} whitespace-normal break-all font-mono`}>{w.codes.join('、')}</td>
								</tr>
							))}
						</tbody>
					</AdminTable>
				</section>
			) : null}

			{report && report.errors.length > 0 ? (
				<section aria-labelledby="errors-heading">
					<h2 id="errors-heading" className="text-lg font-semibold">
						{t('preview.errorsTitle')}
					</h2>
					{report.errorCount > report.errors.length ? <p className="text-sm text-stone-600">{t('preview.errorsMore', { shown: report.errors.length, count: report.errorCount })}</p> : null}
					<AdminTable id="row-errors" caption={t('preview.errorsTitle')} headers={[t('preview.errorColumns.row'), t('preview.errorColumns.column'), t('preview.errorColumns.problem')]}>
						<tbody className="divide-y divide-stone-100">
							{report.errors.map((e, i) => (
								<tr key={i} data-testid="row-error">
									<td className={num}>{e.row}</td>
									<td className={td}>{e.column ? HEADERS[e.column] : t('preview.wholeRow')}</td>
									<td className={td}>{t(`preview.problems.${e.problem}`)}</td>
								</tr>
							))}
						</tbody>
					</AdminTable>
				</section>
			) : null}

			{report && report.places.length > 0 ? (
				<section aria-labelledby="places-heading">
					<h2 id="places-heading" className="text-lg font-semibold">
						{t('preview.placesTitle')}
					</h2>
					{open ? <p className="mt-1 max-w-3xl text-sm text-stone-600">{t('preview.placesHint')}</p> : null}
					<Form method="post">
						<AuthenticityTokenInput />
						<AdminTable
							id="places"
							caption={t('preview.placesTitle')}
							headers={[t('preview.placeColumns.town'), t('preview.placeColumns.village'), t('preview.placeColumns.rows'), t('preview.placeColumns.match'), t('preview.placeColumns.pick')]}
						>
							<tbody className="divide-y divide-stone-100">
								{report.places.map((p, i) => {
									const needed = p.match.kind !== 'exact'
									return (
										<tr key={p.key} data-testid="place-row" data-match={p.match.kind}>
											<td className={td}>{p.town}</td>
											<td className={td}>{p.village}</td>
											<td className={num}>{p.rows}</td>
											<td className={`${td} ${needed ? 'font-medium text-amber-800' : 'text-emerald-800'}`}>{t(`preview.match.${p.match.kind}`)}</td>
											<td className={td}>
												<select
													name={`pick-${i}`}
													aria-label={`${p.town} ${p.village}`}
													defaultValue={picks[p.key] || ('villageId' in p.match ? p.match.villageId : '')}
													disabled={!open}
													required
													className="rounded-md border border-stone-300 px-2 py-1 text-sm"
												>
													<option value="">{t('preview.choose')}</option>
													{towns.map((town) => (
														<optgroup key={town} label={town}>
															{choices
																.filter((c) => c.townName === town)
																.map((c) => (
																	<option key={c.id} value={c.id}>
																		{c.townName} · {c.name}
																	</option>
																))}
														</optgroup>
													))}
												</select>
											</td>
										</tr>
									)
								})}
							</tbody>
						</AdminTable>
						{open ? (
							<div className="mt-3 flex flex-wrap items-center gap-3">
								<SubmitButton name="intent" value="confirm" disabled={busy}>
									{t('preview.confirm')}
								</SubmitButton>
								{confirmed ? (
									<span role="status" className="text-sm text-emerald-800">
										✓ {t('preview.confirmed')}
									</span>
								) : null}
							</div>
						) : null}
					</Form>
				</section>
			) : null}

			{open ? (
				<div className="flex flex-wrap items-start gap-4 border-t border-stone-200 pt-6">
					<Form method="post">
						<AuthenticityTokenInput />
						<SubmitButton name="intent" value="commit" disabled={busy || !confirmed || imp.valid === 0}>
							{t('preview.commit', { count: imp.valid - (report?.existing ?? 0) })}
						</SubmitButton>
						<ErrorList errors={confirmed ? null : [t('preview.problemsOnCommit.unconfirmed')]} />
						<p className="mt-1 text-xs text-stone-500">{t('preview.commitHint')}</p>
					</Form>
					<Form method="post">
						<AuthenticityTokenInput />
						<button type="submit" name="intent" value="cancel" disabled={busy} className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-700 hover:bg-stone-50 disabled:opacity-60">
							{t('preview.cancel')}
						</button>
					</Form>
				</div>
			) : null}
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'filing')('preview.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
