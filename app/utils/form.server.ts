// The one way actions read a submitted form. Bodies that are not forms never get here (server.mjs
// answers 415/400 first), but a route can still be called directly (tests, the dev server), so a
// body that does not parse is a 400 here too, never a 500.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { invariantResponse } from './invariant.ts'

/**
 * Control characters (C0 but tab/newline/carriage return, DEL, C1), Unicode noncharacters and
 * unpaired surrogates have no place in anything a person types: they would end up in pages, in
 * exports (a raw NUL in /ledger.csv) and in the audit log. Stripped from every text field.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
const UNWANTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export function cleanText(value: string) {
	return value.replace(UNWANTED, '')
}

/** A copy of the form with every text value cleaned; files are kept as they are. */
export function cleanForm(form: FormData) {
	const clean = new FormData()
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string') clean.append(cleanText(key), cleanText(value))
		else clean.append(cleanText(key), value)
	}
	return clean
}

/** The request's form, cleaned; a body that is not a readable form is a 400. */
export async function readForm(request: Request) {
	let form: FormData
	try {
		form = await request.formData()
	} catch {
		invariantResponse(false, 'The request body is not a readable form.', { status: 400 })
	}
	return cleanForm(form)
}

/**
 * A form with files, cleaned; null when a file is over `maxPartSize` or the body announces more
 * than `maxBytes` (refused unread): the route answers 413 with the message by the file field.
 */
export async function readMultipartForm(request: Request, maxPartSize: number, maxBytes: number) {
	if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes) return null
	try {
		return cleanForm(await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize })))
	} catch (error) {
		invariantResponse(error instanceof MaxPartSizeExceededError, 'Bad request', { status: 400 })
		return null
	}
}
