// GET /uploads/:file — listing photos and documents from UPLOAD_DIR. File names are content-unique
// (written once, never changed), hence the year-long immutable cache.
import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { uploadDir } from '~/utils/env.server.ts'
import { etagMatches, resolveUploadPath, uploadContentType, uploadEtag } from '~/utils/upload-path.server.ts'

function notFound() {
	return new Response('Not found', {
		status: 404,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
	})
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const dir = uploadDir()
	const file = resolveUploadPath(dir, params.file)
	if (!file) return notFound()

	let real: string
	let stat
	try {
		// Follow symlinks, then check again that the real file is still inside the real upload dir.
		const [realDir, realFile] = await Promise.all([fs.realpath(dir), fs.realpath(file)])
		if (path.dirname(realFile) !== realDir) return notFound()
		real = realFile
		stat = await fs.stat(real)
	} catch {
		return notFound()
	}
	if (!stat.isFile()) return notFound()

	const etag = uploadEtag(stat.size, stat.mtimeMs)
	const headers = new Headers({
		'Cache-Control': 'public, max-age=31536000, immutable',
		'X-Content-Type-Options': 'nosniff',
		ETag: etag,
		'Last-Modified': stat.mtime.toUTCString(),
	})
	if (etagMatches(request.headers.get('If-None-Match'), etag)) {
		return new Response(null, { status: 304, headers })
	}

	headers.set('Content-Type', uploadContentType(file))
	headers.set('Content-Length', String(stat.size))
	if (request.method === 'HEAD') return new Response(null, { status: 200, headers })
	const body = createReadableStreamFromReadable(createReadStream(real))
	return new Response(body, { status: 200, headers })
}
