// Sharing a listing (issue 13): the site's origin, a listing's short link, and its QR code as SVG
// drawn on the server (uqr: no dependencies, no canvas), so the share panel works without JavaScript.
import { renderSVG } from 'uqr'
import { shortCode } from '~/domain/share.ts'
import { env } from './env.server.ts'

/** PUBLIC_URL when set (behind a proxy, the address people share), else the request's origin. */
export function siteOrigin(request: Request) {
	return env().PUBLIC_URL ?? new URL(request.url).origin
}

export function shortUrl(origin: string, searchKey: number) {
	return `${origin}/s/${shortCode(searchKey)}`
}

/**
 * The QR code of `url` as an SVG document; medium error correction survives a phone's camera.
 * uqr writes only a viewBox: the size is added, so the image has one of its own wherever it goes.
 */
export function qrSvg(url: string) {
	const svg = renderSVG(url, { ecc: 'M', border: 2, pixelSize: 6, whiteColor: '#ffffff', blackColor: '#000000' })
	const size = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)
	return size ? svg.replace('<svg ', `<svg width="${size[1]}" height="${size[2]}" `) : svg
}
