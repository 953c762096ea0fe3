// /admin/imports/parcels — the 确权 parcel imports: upload a layer (zipped shapefile, GeoJSON,
// KML) for its preview, and the list of earlier imports. The upload action is in the sibling
// .server.ts; the preview, commit and progress are at /admin/imports/parcels/:id.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { AdminTable, num, td } from '~/components/admin-ui.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { listImports } from '~/models/data-import.server.ts'
import { formatDateTime, formatNumber } from '~/utils/format.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { useLocale } from '~/utils/root-data.ts'
import { PARCEL_FILE_MAX_MB, type UploadAnswer } from '~/utils/parcel-import-page.ts'
import { uploadParcelFile } from './admin.imports.parcels.server.ts'

export const handle = { i18n: ['admin', 'imports'] }

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:imports')
	const imports = await listImports('PARCELS', 30)
	return {
		imports: imports.map((i) => ({ id: i.id, fileName: i.fileName, status: i.status, total: i.total, valid: i.valid, inserted: i.inserted, updated: i.updated, createdAt: i.createdAt })),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'admin:imports')
	return uploadParcelFile(request, user.id)
}

function useUploadError() {
	const { t } = useTranslation('imports')
	const answer = useActionData<UploadAnswer>()
	if (!answer) return null
	if ('problem' in answer) return t(`parcels.upload.${answer.problem}`, { max: PARCEL_FILE_MAX_MB })
	return t('parcels.refused', { message: t(`refusals.${answer.refusal.code}`, answer.refusal.params) })
}

export default function ParcelImports() {
	const { imports } = useLoaderData<typeof loader>()
	const { t } = useTranslation('imports')
	const locale = useLocale()
	const error = useUploadError()
	const busy = useNavigation().state === 'submitting'
	return (
		<div>
			<h1 className="text-2xl font-bold">{t('parcels.title')}</h1>
			<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('parcels.intro')}</p>

			<section aria-labelledby="upload-heading" className="mt-6 max-w-3xl rounded-lg border border-brand-100 bg-white p-4 shadow-sm">
				<h2 id="upload-heading" className="font-semibold">
					{t('parcels.upload.heading')}
				</h2>
				<Form method="post" encType="multipart/form-data" className="mt-3 space-y-3">
					<AuthenticityTokenInput name="csrf" />
					<div>
						<label htmlFor="parcel-file" className="block text-sm font-medium text-stone-800">
							{t('parcels.upload.file')}
						</label>
						<input
							id="parcel-file"
							name="file"
							type="file"
							required
							accept=".zip,.geojson,.json,.kml"
							aria-describedby="parcel-file-hint parcel-file-error"
							aria-invalid={error ? true : undefined}
							className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-stone-50"
						/>
						<p id="parcel-file-hint" className="mt-1 text-xs text-stone-500">
							{t('parcels.upload.hint', { max: PARCEL_FILE_MAX_MB })}
						</p>
						{error ? (
							<p id="parcel-file-error" role="alert" className="mt-1 text-sm text-red-700">
								{error}
							</p>
						) : null}
					</div>
					<button type="submit" disabled={busy} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
						{t('parcels.upload.submit')}
					</button>
				</Form>
			</section>

			<section className="mt-8">
				<h2 className="text-lg font-semibold">{t('parcels.list.heading')}</h2>
				{imports.length === 0 ? (
					<p className="mt-3 text-sm text-stone-600">{t('parcels.list.empty')}</p>
				) : (
					<AdminTable
						id="imports"
						caption={t('parcels.list.heading')}
						headers={[t('parcels.list.file'), t('parcels.list.status'), t('parcels.list.features'), t('parcels.list.valid'), t('parcels.list.written'), t('parcels.list.createdAt'), '']}
					>
						<tbody className="divide-y divide-stone-100">
							{imports.map((i) => (
								<tr key={i.id}>
									<td className={td}>{i.fileName}</td>
									<td className={td}>{t(`parcels.status.${i.status}`, { defaultValue: i.status })}</td>
									<td className={num}>{formatNumber(i.total, locale, 0)}</td>
									<td className={num}>{formatNumber(i.valid, locale, 0)}</td>
									<td className={num}>{i.status === 'COMMITTED' ? `${formatNumber(i.inserted, locale, 0)} / ${formatNumber(i.updated, locale, 0)}` : '—'}</td>
									<td className={td}>{formatDateTime(i.createdAt, locale)}</td>
									<td className={td}>
										<Link to={`/admin/imports/parcels/${i.id}`} className="text-brand-700 hover:underline">
											{t('parcels.list.open')}
										</Link>
									</td>
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
	return [{ title: pageTitle(locale, metaT(locale, 'imports')('parcels.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
