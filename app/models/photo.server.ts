// Photo uploads: only real JPEG, PNG or WebP (sharp reads the bytes; the file name and the
// browser's claimed type are ignored), re-encoded to JPEG without metadata (no GPS leaks),
// capped in size, with a thumbnail. Files get random names under UPLOAD_DIR, written under their
// pending names until the row commits (upload-files.server.ts).
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { uploadDir } from '~/utils/env.server.ts'
import { commitUploads, discardPendingUploads, pendingName } from './upload-files.server.ts'

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
export const MAX_PHOTOS_PER_LISTING = 12
export const MAX_PHOTO_PIXELS = 60_000_000
const ACCEPTED = new Set(['jpeg', 'png', 'webp'])

export type PhotoProblem = 'empty' | 'tooLarge' | 'notAnImage' | 'tooManyPixels'

export class PhotoError extends Error {
	constructor(public problem: PhotoProblem) {
		super(problem)
	}
}

/** Checks and re-encodes a photo into pending files: `commitPhotoFiles` once its row is written. */
export async function processPhoto(bytes: Buffer) {
	if (bytes.length === 0) throw new PhotoError('empty')
	if (bytes.length > MAX_PHOTO_BYTES) throw new PhotoError('tooLarge')
	let format: string | undefined
	let width = 0
	let height = 0
	try {
		// The header only: a huge image is told apart from a broken one before anything is decoded.
		const meta = await sharp(bytes, { limitInputPixels: false }).metadata()
		format = meta.format
		width = meta.width ?? 0
		height = meta.height ?? 0
	} catch {
		throw new PhotoError('notAnImage')
	}
	if (!format || !ACCEPTED.has(format) || !width || !height) throw new PhotoError('notAnImage')
	// Decompression bombs: a 20000×20000 PNG is a few KB on the wire and 1.6 GB decoded.
	if (width * height > MAX_PHOTO_PIXELS) throw new PhotoError('tooManyPixels')
	const name = crypto.randomBytes(12).toString('base64url')
	const file = `p-${name}.jpg`
	const thumbFile = `p-${name}-thumb.jpg`
	const dir = uploadDir()
	await fs.mkdir(dir, { recursive: true })
	try {
		const full = await sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS })
			.rotate() // honour EXIF orientation before the metadata is dropped
			.resize({ width: 2000, height: 2000, fit: 'inside', withoutEnlargement: true })
			.jpeg({ quality: 82, progressive: true, mozjpeg: true })
			.toFile(path.join(dir, pendingName(file)))
		await sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS })
			.rotate()
			.resize({ width: 480, height: 320, fit: 'cover' })
			.jpeg({ quality: 76, progressive: true })
			.toFile(path.join(dir, pendingName(thumbFile)))
		return { file, thumbFile, width: full.width, height: full.height }
	} catch (error) {
		await discardPendingUploads(dir, [file, thumbFile])
		if (error instanceof Error && /pixel limit/i.test(error.message)) throw new PhotoError('tooManyPixels')
		throw new PhotoError('notAnImage')
	}
}

/**
 * A copy of a stored photo under new names, written as pending files (commitPhotoFiles once its
 * row is written): a listing listed again gets its own files, so deleting one there leaves the
 * old listing's photo in place.
 */
export async function copyPhotoFiles(p: { file: string; thumbFile: string }) {
	const name = crypto.randomBytes(12).toString('base64url')
	const copy = { file: `p-${name}.jpg`, thumbFile: `p-${name}-thumb.jpg` }
	const dir = uploadDir()
	try {
		await fs.copyFile(path.join(dir, p.file), path.join(dir, pendingName(copy.file)))
		await fs.copyFile(path.join(dir, p.thumbFile), path.join(dir, pendingName(copy.thumbFile)))
	} catch {
		// A photo whose file is gone is not copied.
		await discardPendingUploads(dir, [copy.file, copy.thumbFile])
		return null
	}
	return copy
}

/** After the photo's row committed: its files get their real names and can be served. */
export function commitPhotoFiles(p: { file: string; thumbFile: string }) {
	return commitUploads(uploadDir(), [p.file, p.thumbFile])
}

/** The row was not written: the pending files go. */
export function discardPhotoFiles(p: { file: string; thumbFile: string }) {
	return discardPendingUploads(uploadDir(), [p.file, p.thumbFile])
}

export async function removePhotoFiles(p: { file: string; thumbFile: string }) {
	const dir = uploadDir()
	await Promise.all([fs.rm(path.join(dir, p.file), { force: true }), fs.rm(path.join(dir, p.thumbFile), { force: true })])
}
