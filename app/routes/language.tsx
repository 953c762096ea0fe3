import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { lngCookie } from '~/i18next.server.ts'

const schema = z.object({
	lng: z.enum(['zh', 'en']),
	// Only paths on this site: never an open redirect.
	redirectTo: z
		.string()
		.max(4000)
		.regex(/^\/(?!\/)/)
		.catch('/'),
})

export async function action({ request }: ActionFunctionArgs) {
	const form = await request.formData()
	const parsed = schema.safeParse(Object.fromEntries(form))
	if (!parsed.success) throw new Response('lng must be zh or en', { status: 400 })
	const { lng, redirectTo } = parsed.data
	return redirect(redirectTo, { headers: { 'Set-Cookie': await lngCookie.serialize(lng) } })
}

export async function loader() {
	return redirect('/')
}
