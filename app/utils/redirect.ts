// Browsers drop tabs and newlines inside URLs and read "\" as "/", so "/\t/evil.example" or
// "/\evil.example" become "//evil.example", another site. Only a plain path on this site passes.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE = /[\s\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u3000\ufeff]/
const BASE = 'http://this-site.invalid'

/** Only paths on this site are followed (after login, a language switch): never an open redirect. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
	if (!to || typeof to !== 'string' || to.length > 2000) return fallback
	if (!to.startsWith('/') || to.startsWith('//') || UNSAFE.test(to)) return fallback
	try {
		// Percent-encoded tricks still land on this origin, or are refused here.
		if (new URL(to, BASE).origin !== BASE) return fallback
	} catch {
		return fallback
	}
	return to
}
