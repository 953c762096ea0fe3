import { createCookie } from '@remix-run/node'
import { CSRF, CSRFError } from 'remix-utils/csrf/server'
import { sessionSecrets } from './secrets.server.ts'

// Double-submit token: a signed cookie plus a hidden field in every mutating form.
const cookie = createCookie('csrf', { path: '/', httpOnly: true, sameSite: 'lax', secrets: sessionSecrets })
export const csrf = new CSRF({ cookie, secret: sessionSecrets[0], formDataKey: 'csrf' })

/** Throws a 403 unless the form carries the token of this browser's cookie. */
export async function validateCSRF(formData: FormData, headers: Headers) {
	try {
		await csrf.validate(formData, headers)
	} catch (error) {
		if (error instanceof CSRFError) throw new Response('Invalid CSRF token: reload the page and try again', { status: 403 })
		throw error
	}
}
