// /admin/imports/ledger — the administrator brings an existing Excel 台账 of deals done outside
// the platform (issue 11): the template to download, the upload (multipart; works without
// JavaScript) and the imports so far. An upload is checked into a preview (its own page); a file
// that cannot be read is refused here with the reason, and nothing is kept.
import { data, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { AdminTable, num, td } from '~/components/admin-ui.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, SubmitButton } from '~/components/forms.tsx'
import { LEDGER_MAX_BYTES, LEDGER_ROW_CAP } from '~/domain/ledger-row.ts'
import { listImports, type ImportStatus } from '~/models/data-import.server.ts'
import { previewLedger } from '~/models/ledger-import/ledger-import.server.ts'
import { now } from '~/utils/clock.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { cleanForm } from '~/utils/form.server.ts'
import { formatDateTime } from '~/utils/format.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'
import { useLocale } from '~/utils/root-data.ts'

export const handle = { i18n: ['common', 'admin', 'filing'] }

const MB = LEDGER_MAX_BYTES / 1024 / 1024

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:imports')
	const imports = await listImports('LEDGER')
	return { imports: imports.map((i) => ({ id: i.id, fileName: i.fileName, status: i.status as ImportStatus, total: i.total, inserted: i.inserted, unchanged: i.unchanged, invalid: i.invalid, createdAt: i.createdAt })) }
}

type Refusal = { error: string; params?: Record<string, string | number> }
const refuse = (refusal: Refusal, status = 400) => data(refusal, { status })

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'admin:imports')
	if (Number(request.headers.get('Content-Length') ?? 0) > LEDGER_MAX_BYTES + 64 * 1024) return refuse({ error: 'tooLarge', params: { mb: MB } }, 413)
	let form: FormData
	try {
		form = cleanForm(await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: LEDGER_MAX_BYTES })))
	} catch (error) {
		invariantResponse(error instanceof MaxPartSizeExceededError, 'Bad request', { status: 400 })
		return refuse({ error: 'tooLarge', params: { mb: MB } }, 413)
	}
	await validateCSRF(form, request.headers)
	const file = form.get('file')
	if (!(file instanceof File) || file.size === 0) return refuse({ error: 'fileRequired' })
	const result = await previewLedger({ fileName: file.name || 'ledger.xlsx', bytes: new Uint8Array(await file.arrayBuffer()), adminId: user.id, at: now() })
	if (!result.ok) return refuse({ error: result.problem, params: { missing: result.missing.join('、'), rows: LEDGER_ROW_CAP, mb: MB } })
	return redirect(`/admin/imports/ledger/${result.id}`)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function LedgerImportsRoute() {
	const { imports } = useLoaderData<typeof loader>()
	const refusal = useActionData<typeof action>()
	const busy = useNavigation().state === 'submitting'
	const { t } = useTranslation('filing')
	const locale = useLocale()
	return (
		<div className="space-y-8">
			<div className="max-w-3xl">
				<h1 className="text-2xl font-bold">{t('imports.title')}</h1>
				<p className="mt-1 text-sm text-stone-600">{t('imports.intro')}</p>
				<p className="mt-3">
					<a href="/admin/imports/ledger/template.xlsx" download className="font-medium text-brand-700 underline underline-offset-2">
						{t('imports.template')}
					</a>
				</p>
				<p className="mt-1 text-xs text-stone-500">{t('imports.templateHint', { rows: LEDGER_ROW_CAP, mb: MB })}</p>
			</div>

			<Form method="post" encType="multipart/form-data" className="max-w-3xl rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
				<AuthenticityTokenInput />
				<h2 className="text-lg font-semibold">{t('imports.upload')}</h2>
				<label htmlFor="ledger-file" className="mt-3 block text-sm font-medium text-stone-700">
					{t('imports.file')}
				</label>
				<input
					id="ledger-file"
					name="file"
					type="file"
					required
					accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
					aria-invalid={refusal ? true : undefined}
					aria-describedby={refusal ? 'ledger-file-error' : undefined}
					className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm file:font-medium"
				/>
				<ErrorList id="ledger-file-error" errors={refusal ? [t(`imports.errors.${refusal.error as 'notXlsx'}`, refusal.params)] : null} />
				<SubmitButton className="mt-4" disabled={busy}>
					{t('imports.submit')}
				</SubmitButton>
			</Form>

			<section aria-labelledby="lzht-heading" className="max-w-3xl">
				<h2 id="lzht-heading" className="text-lg font-semibold">
					{t('lzht.title')}
				</h2>
				<p className="mt-1 text-sm text-stone-600">{t('lzht.hint')}</p>
				<p className="mt-2 flex flex-wrap gap-4 text-sm">
					<a href="/admin/ledger/lzht.xlsx" download className="font-medium text-brand-700 underline underline-offset-2">
						{t('lzht.xlsx')}
					</a>
					<a href="/admin/ledger/lzht.csv" download className="font-medium text-brand-700 underline underline-offset-2">
						{t('lzht.csv')}
					</a>
				</p>
			</section>

			<section aria-labelledby="imports-heading">
				<h2 id="imports-heading" className="text-lg font-semibold">
					{t('imports.history')}
				</h2>
				{imports.length === 0 ? (
					<p className="mt-3 rounded-lg border border-dashed border-stone-300 bg-white px-4 py-8 text-center text-stone-600">{t('imports.empty')}</p>
				) : (
					<AdminTable
						id="imports"
						caption={t('imports.history')}
						headers={[t('imports.columns.file'), t('imports.columns.status'), t('imports.columns.rows'), t('imports.columns.inserted'), t('imports.columns.unchanged'), t('imports.columns.invalid'), t('imports.columns.createdAt')]}
					>
						<tbody className="divide-y divide-stone-100">
							{imports.map((i) => (
								<tr key={i.id} data-testid="import-row">
									<td className={td}>
										<Link to={`/admin/imports/ledger/${i.id}`} className="text-brand-700 underline underline-offset-2">
											{i.fileName}
										</Link>
									</td>
									<td className={td}>{t(`imports.status.${i.status}`)}</td>
									<td className={num}>{i.total}</td>
									<td className={num}>{i.inserted}</td>
									<td className={num}>{i.unchanged}</td>
									<td className={num}>{i.invalid}</td>
									<td className={td}>{formatDateTime(i.createdAt, locale)}</td>
								</tr>
							))}
						</tbody>
					</AdminTable>
				)}
			</section>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'filing')('imports.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
