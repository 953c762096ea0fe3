// GET /qr.svg?url=… — the QR code of one of this site's listing links (a short link or a listing
// page), as SVG, for the share panel. Any other URL (another host, another path) is refused with
// a 400 and a message: the site draws no QR codes for others (issue 13).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { shareableUrl } from '~/domain/share.ts'
import i18next from '~/i18next.server.ts'
import { qrSvg, siteOrigin } from '~/utils/share.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const url = shareableUrl(new URL(request.url).searchParams.get('url'), siteOrigin(request))
	if (!url) {
		const t = await i18next.getFixedT(request, 'favourites')
		return new Response(t('share.qrRefused'), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
	}
	return new Response(qrSvg(url), {
		headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' },
	})
}
