// /me/wanted/new — a buyer posts what they look for (求租 / 求购, issue 13): saved as a draft, or
// saved and submitted to the first town's reviewers at once. Bad input is a 400 with the errors by
// the fields; past the per-account limit of open posts a 409; nothing is written either way.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Notice } from '~/components/village-ui.tsx'
import { WantedForm } from '~/components/wanted-form.tsx'
import { WANTED_LIMITS } from '~/domain/wanted.ts'
import { getTownsWithVillages } from '~/models/town.server.ts'
import { createWanted, openWantedCount, submitWanted } from '~/models/wanted.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { metaLocale, metaT, pageTitle } from '~/utils/meta-text.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { revalidateAfterRefusal } from '~/utils/revalidate.ts'
import { WantedFormSchema } from '~/utils/wanted-form.ts'

export const handle = { i18n: ['wanted'] }

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'wanted:post:own')
	const [towns, open] = await Promise.all([getTownsWithVillages(), openWantedCount(user)])
	return { towns: towns.map(({ code, name, nameEn }) => ({ code, name, nameEn })), full: open >= WANTED_LIMITS.openPerAccount, max: WANTED_LIMITS.openPerAccount }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePermission(request, 'wanted:post:own')
	const formData = await readForm(request)
	await validateCSRF(formData, request.headers)
	const submission = parseWithZod(formData, { schema: WantedFormSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const saved = await createWanted(user, submission.value)
	if (!saved.ok) {
		if (saved.problem === 'unknownTown') return data({ result: submission.reply({ fieldErrors: { town: ['unknownTown'] } }) }, { status: 400 })
		return data({ result: submission.reply({ formErrors: ['limit'] }) }, { status: 409 })
	}
	if (submission.value.intent === 'submit') {
		await submitWanted(user, saved.id)
		return redirect(`/me/wanted/${saved.id}?done=submitted`)
	}
	return redirect(`/me/wanted/${saved.id}?done=saved`)
}

export const shouldRevalidate = revalidateAfterRefusal

export default function NewWanted() {
	const { towns, full, max } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('wanted')
	return (
		<div className="mx-auto max-w-3xl space-y-4 px-4 py-6">
			<Link to="/me/wanted" className="text-sm text-brand-700 underline-offset-2 hover:underline">
				<span aria-hidden="true">← </span>
				{t('detail.back')}
			</Link>
			<h1 className="text-2xl font-bold text-stone-900">{t('form.headingNew')}</h1>
			<WantedForm
				towns={towns}
				lastResult={actionData?.result}
				notice={full ? <Notice tone="warn">{t('me.limit', { max })}</Notice> : null}
			/>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
	const locale = metaLocale(matches)
	return [{ title: pageTitle(locale, metaT(locale, 'wanted')('meta.new')) }]
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
