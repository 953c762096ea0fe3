// /admin/contracts — the contract templates (合同示范文本, decision 030). The administrator picks a
// kind, edits its title and text, and saves a new version (earlier versions and the contracts they
// produced are kept); the placeholders and the layout rules are listed beside the editor, each
// version can be previewed as a PDF with sample values. A text with unknown placeholders, loose
// braces or over 50 pages is refused with the reason next to it, and nothing is written.
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthenticityTokenInput } from 'remix-utils/csrf/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ErrorList, Field, SubmitButton, TextareaField, useValidatedForm } from '~/components/forms.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { isTemplateKind, PLACEHOLDERS, type TemplateKind } from '~/domain/contract-template.ts'
import { saveTemplate, templateOverview, templateVersions } from '~/models/contract.server.ts'
import { now } from '~/utils/clock.server.ts'
import { TemplateSchema } from '~/utils/contract-template-form.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { formatDateTime } from '~/utils/format.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'
import { useLocale } from '~/utils/root-data.ts'

const PERMISSION = 'admin:contract-templates'
/** Literal braces for the texts that show the template syntax (i18next would read them as its own). */
const BRACES = { parcelsTag: '{{parcels}}', example: '{{title}}', open: '{{', close: '}}' }

export const handle = { i18n: ['admin', 'deal'] }

export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, PERMISSION)
	const url = new URL(request.url)
	const asked = url.searchParams.get('kind')
	const kind: TemplateKind = isTemplateKind(asked) ? asked : 'LAND_LEASE'
	const [overview, versions] = await Promise.all([templateOverview(), templateVersions(kind)])
	const saved = Number(url.searchParams.get('saved'))
	return { kind, overview, versions, saved: Number.isInteger(saved) && saved > 0 ? saved : null }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, PERMISSION)
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: TemplateSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const v = submission.value
	const result = await saveTemplate(user, v.kind, { title: v.title, body: v.body, note: v.note ?? null }, now())
	if (!result.ok) {
		// Each problem next to its field; the names and the page count travel after a '|'.
		const fieldErrors: Record<string, string[]> = {}
		for (const p of result.problems) {
			const field = p.code === 'titleRequired' || p.code === 'titleTooLong' ? 'title' : 'body'
			const detail = p.code === 'unknownPlaceholder' ? `|${p.names.join('、')}` : p.code === 'tooManyPages' ? `|${p.pages}` : ''
			;(fieldErrors[field] ??= []).push(`${p.code}${detail}`)
		}
		return data({ result: submission.reply({ fieldErrors }) }, { status: 400 })
	}
	return redirect(`/admin/contracts?kind=${v.kind}&saved=${result.version}`)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function ContractTemplatesRoute() {
	const { kind, overview, versions, saved } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()?.result
	const navigation = useNavigation()
	const { t } = useTranslation('admin')
	const { t: td } = useTranslation('deal')
	const locale = useLocale()
	const current = versions[0]
	const [form, fields] = useValidatedForm({
		id: `template-${kind}-${current.version}`,
		lastResult: navigation.state === 'idle' ? lastResult : null,
		defaultValue: { kind, title: current.title, body: current.body, note: '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: TemplateSchema }),
	})
	const errs = (codes?: string[]) =>
		codes?.map((c) => {
			const [code, detail] = c.split('|')
			return t(`contracts.errors.${code as 'required'}`, { ...BRACES, names: detail, pages: detail, defaultValue: code })
		})
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-bold">{t('contracts.title')}</h1>
				<p className="mt-1 max-w-3xl text-sm text-stone-600">{t('contracts.intro')}</p>
			</div>
			{saved ? <Notice tone="ok">{t('contracts.saved', { version: saved })}</Notice> : null}
			<nav aria-label={t('contracts.kindsLabel')} className="flex flex-wrap gap-2">
				{overview.map((o) => (
					<Link
						key={o.kind}
						to={`?kind=${o.kind}`}
						aria-current={o.kind === kind ? 'page' : undefined}
						className={`rounded-md border px-3 py-1.5 text-sm ${o.kind === kind ? 'border-brand-700 bg-brand-50 font-semibold text-brand-800' : 'border-stone-300 bg-white text-stone-700 hover:border-stone-400'}`}
					>
						{td(`contract.kinds.${o.kind}`)} <span className="text-stone-600">{t('contracts.versionShort', { version: o.current.version })}</span>
					</Link>
				))}
			</nav>
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
				<Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
					<AuthenticityTokenInput name="csrf" />
					<input type="hidden" name="kind" value={kind} />
					<h2 className="text-lg font-semibold">{t('contracts.editHeading', { kind: td(`contract.kinds.${kind}`), version: current.version })}</h2>
					<Field label={t('contracts.fields.title')} {...getInputProps(fields.title, { type: 'text' })} errors={errs(fields.title.errors)} />
					<TextareaField label={t('contracts.fields.body')} hint={t('contracts.bodyHint', BRACES)} {...getTextareaProps(fields.body)} rows={24} className="[&_textarea]:font-mono [&_textarea]:text-sm" errors={errs(fields.body.errors)} />
					<Field label={t('contracts.fields.note')} hint={t('contracts.noteHint')} {...getInputProps(fields.note, { type: 'text' })} errors={errs(fields.note.errors)} />
					<ErrorList errors={errs(form.errors)} />
					<SubmitButton name="intent" value="save" disabled={navigation.state === 'submitting'}>
						{t('contracts.save')}
					</SubmitButton>
				</Form>
				<aside className="space-y-3 text-sm" aria-labelledby="placeholders-heading">
					<h2 id="placeholders-heading" className="font-semibold">
						{t('contracts.placeholdersHeading')}
					</h2>
					<p className="text-stone-600">{t('contracts.syntax', BRACES)}</p>
					<dl className="divide-y divide-stone-100 rounded-md border border-stone-200 bg-white">
						{PLACEHOLDERS.map((p) => (
							<div key={p} className="px-3 py-1.5">
								<dt className="font-mono text-xs text-stone-800">{`{{${p}}}`}</dt>
								<dd className="text-stone-600">{td(`contract.placeholders.${p}`)}</dd>
							</div>
						))}
					</dl>
				</aside>
			</div>
			<section aria-labelledby="versions-heading">
				<h2 id="versions-heading" className="text-lg font-semibold">
					{t('contracts.versionsHeading')}
				</h2>
				<ul className="mt-2 divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm" data-testid="template-versions">
					{versions.map((v) => (
						<li key={v.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-2">
							<span>
								<span className="font-semibold">{t('contracts.versionShort', { version: v.version })}</span> · {formatDateTime(v.createdAt, locale)} · {v.createdBy?.name ?? t('contracts.builtIn')}
								{v.note ? <span className="text-stone-600"> · {v.note}</span> : null}
								<span className="text-stone-500"> · {t('contracts.used', { count: v._count.deals })}</span>
							</span>
							<a href={`/admin/contracts/${kind}/preview?version=${v.version}`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
								{t('contracts.preview')}
							</a>
						</li>
					))}
				</ul>
			</section>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'admin')('contracts.title')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
