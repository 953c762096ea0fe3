// /stats/prices' exports (CSV and Excel): the page's town table under its filters, in the reader's
// language, numbers unformatted so a spreadsheet can compute with them. A group of fewer than 3
// deals has its count and empty figures, as on the page. Built on the ledger's export helpers.
import { landPriceStats } from './price-reference.server.ts'

type T = (key: string, options?: Record<string, unknown>) => string

export type PriceExportCell = string | number | null

/** Headers and rows of the export; a plain-text 400 Response for malformed filters. */
export async function priceExport(url: URL, t: T) {
	const stats = await landPriceStats(url.searchParams)
	if (stats.errors.length > 0) {
		return new Response(t('prices:stats.export.badRequest', { message: stats.errors.join(', ') }), {
			status: 400,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
		})
	}
	const headers = [
		t('prices:stats.table.town'),
		t('prices:stats.table.landClass'),
		t('prices:stats.table.year'),
		t('prices:stats.table.count'),
		`${t('prices:stats.table.median')} (${t('prices:stats.chart.axis')})`,
		'P10',
		'P90',
		`${t('prices:stats.table.range')} min`,
		`${t('prices:stats.table.range')} max`,
	]
	const town = (g: (typeof stats.byTown)[number]) => (g.town ? t('ledger:placeName', { zh: g.town.name, en: g.town.nameEn }) : '')
	type Group = (typeof stats.banner)[number]
	const row = (place: string, g: Group): PriceExportCell[] => {
		const f = g.summary
		return [place, t(`common:landClasses.${g.landClass}`), g.year, g.count, f?.median ?? null, f?.p10 ?? null, f?.p90 ?? null, f?.min ?? null, f?.max ?? null]
	}
	const records = [...stats.byTown.map((g) => row(town(g), g)), ...stats.banner.map((g) => row(t('prices:stats.table.banner'), g))]
	return { headers, records }
}
