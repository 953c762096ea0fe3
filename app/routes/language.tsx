import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { lngCookie } from '~/i18next.server.ts'
import { rememberLocale } from '~/models/delivery.server.ts'
import { getUser } from '~/utils/auth.server.ts'
import { validateCSRF } from '~/utils/csrf.server.ts'
import { readForm } from '~/utils/form.server.ts'
import { safeRedirect } from '~/utils/redirect.ts'
import { isSecureRequest } from '~/utils/session.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'

const schema = z.object({
	lng: z.enum(['zh', 'en']),
	redirectTo: z.string().optional(),
})

export async function action({ request }: ActionFunctionArgs) {
	const form = await readForm(request)
	// CSRF too: another site must not be able to switch a visitor's language.
	await validateCSRF(form, request.headers)
	const parsed = schema.safeParse({ lng: form.get('lng'), redirectTo: form.get('redirectTo') ?? undefined })
	invariantResponse(parsed.success, 'lng must be zh or en', { status: 400 })
	const { lng, redirectTo } = parsed.data
	// A logged-in user's e-mail and SMS follow the language they chose (decision 032).
	const user = await getUser(request)
	if (user) await rememberLocale(user.id, lng)
	return redirect(safeRedirect(redirectTo), {
		headers: { 'Set-Cookie': await lngCookie.serialize(lng, { secure: isSecureRequest(request) }) },
	})
}

export async function loader() {
	return redirect('/')
}
