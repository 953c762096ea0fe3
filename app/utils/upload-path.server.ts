// Which names under UPLOAD_DIR may be served, and where they live. Pure (no fs) so it is unit-tested.
import path from 'node:path'

/** A plain file name: no directories, no leading dot, a known extension. */
export const UPLOAD_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.(jpg|jpeg|png|webp|pdf)$/

export const UPLOAD_CONTENT_TYPES = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	pdf: 'application/pdf',
} as const

export function isUploadName(name: unknown): name is string {
	return typeof name === 'string' && UPLOAD_NAME.test(name) && !name.includes('..')
}

/**
 * The absolute path of an upload, or null when the name is not allowed or would leave `dir`.
 * `dir` must be absolute (uploadDir() resolves it).
 */
export function resolveUploadPath(dir: string, name: unknown): string | null {
	if (!isUploadName(name)) return null
	const root = path.resolve(dir)
	const full = path.resolve(root, name)
	if (path.dirname(full) !== root || !full.startsWith(root + path.sep)) return null
	return full
}

export function uploadContentType(name: string): string {
	const ext = name.slice(name.lastIndexOf('.') + 1) as keyof typeof UPLOAD_CONTENT_TYPES
	return UPLOAD_CONTENT_TYPES[ext] ?? 'application/octet-stream'
}

/** A weak validator from size and modification time: cheap, and changes when the file does. */
export function uploadEtag(size: number, mtimeMs: number) {
	return `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`
}

/** Does an If-None-Match header (possibly a list, possibly `*`) match this ETag? */
export function etagMatches(ifNoneMatch: string | null, etag: string) {
	if (!ifNoneMatch) return false
	const strip = (t: string) => t.trim().replace(/^W\//, '')
	const want = strip(etag)
	return ifNoneMatch.split(',').some((t) => t.trim() === '*' || strip(t) === want)
}
