import { createCookie } from '@remix-run/node'
import { CSRF, CSRFError } from 'remix-utils/csrf/server'
import { sessionSecrets } from './secrets.server.ts'
import { isSecureRequest } from './session.server.ts'
import { invariantResponse } from './invariant.ts'

// Double-submit token: a signed cookie plus a hidden field in every mutating form. The cookie is
// Secure whenever the request came over HTTPS; either cookie validates the same way.
const csrfFor = (secure: boolean) =>
	new CSRF({
		cookie: createCookie('csrf', { path: '/', httpOnly: true, sameSite: 'lax', secure, secrets: sessionSecrets }),
		secret: sessionSecrets[0],
		formDataKey: 'csrf',
	})
const plain = csrfFor(false)
const secure = csrfFor(true)

/** This browser's token, and the Set-Cookie header when a new one was made. */
export function commitCSRFToken(request: Request) {
	return (isSecureRequest(request) ? secure : plain).commitToken(request)
}

/** Throws a 403 unless the form carries the token of this browser's cookie. */
export async function validateCSRF(formData: FormData, headers: Headers) {
	try {
		await plain.validate(formData, headers)
	} catch (error) {
		invariantResponse(!(error instanceof CSRFError), 'Invalid CSRF token: reload the page and try again', { status: 403 })
		throw error
	}
}
