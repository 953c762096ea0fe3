// The LZHT contract-record export for upward reporting (issue 11): every completed deal, platform
// and outside ones, in the columns of NY/T 2539's 流转合同 table (their order and the rules for
// missing values: LZHT_COLUMN_KEYS in app/domain/ledger-row.ts). It holds personal codes, so
// only administrators get it (`ledger:export:reporting`); the public exports stay masked. The
// headers and values are the national table's Chinese ones whatever the reader's language.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { LZHT_COLUMN_KEYS, lzhtParcelCount, type LzhtColumnKey } from '~/domain/ledger-row.ts'
import { areaInMu } from '~/domain/units.ts'
import zhCommon from '~/locales/zh/common.ts'
import zhFiling from '~/locales/zh/filing.ts'
import { prisma } from '~/utils/db.server.ts'
import { chinaDay, EXPORT_CHUNK, LEDGER_EXPORT_LIMIT, type ExportCell, type ExportColumn } from './ledger.server.ts'

const lzhtSelect = {
	id: true,
	contractingContractCode: true,
	contractCode: true,
	contractorCode: true,
	transfereeCode: true,
	transferMode: true,
	termYears: true,
	startsOn: true,
	endsOn: true,
	area: true,
	areaUnit: true,
	useBefore: true,
	useAfter: true,
	feeNote: true,
	contractDate: true,
	listing: { select: { type: true, _count: { select: { parcels: true } } } },
} as const

type LzhtDeal = Awaited<ReturnType<typeof readChunk>>[number]

function readChunk(afterId: string | null) {
	return prisma.deal.findMany({ where: { status: 'COMPLETED', ...(afterId ? { id: { gt: afterId } } : {}) }, orderBy: { id: 'asc' }, take: EXPORT_CHUNK, select: lzhtSelect })
}

const WIDTHS: Record<LzhtColumnKey, number> = { contractingContractCode: 22, contractCode: 22, contractorCode: 22, transfereeCode: 22, transferMode: 10, termYears: 9, startsOn: 12, endsOn: 12, areaMu: 12, parcelCount: 10, useBefore: 12, useAfter: 12, feeNote: 28, contractDate: 12 }
const KINDS: Partial<Record<LzhtColumnKey, ExportColumn['kind']>> = { termYears: 'int', startsOn: 'date', endsOn: 'date', areaMu: 'area', parcelCount: 'int', contractDate: 'date' }

function value(key: LzhtColumnKey, d: LzhtDeal): ExportCell {
	switch (key) {
		case 'transferMode':
			return zhCommon.transferModes[d.transferMode as keyof typeof zhCommon.transferModes] ?? d.transferMode
		case 'termYears':
			return d.termYears
		case 'startsOn':
		case 'endsOn':
		case 'contractDate':
			return chinaDay(d[key])
		case 'areaMu':
			return Math.round(areaInMu(d.area, d.areaUnit === 'm2' ? 'm2' : 'mu') * 100) / 100
		case 'parcelCount':
			return lzhtParcelCount(d.listing.type, d.listing._count.parcels)
		default:
			return d[key] ?? ''
	}
}

export const LZHT_COLUMNS: ExportColumn<LzhtDeal>[] = LZHT_COLUMN_KEYS.map((key) => ({
	key,
	header: zhFiling.lzht.columns[key],
	width: WIDTHS[key],
	kind: KINDS[key] ?? 'text',
	value: (d) => value(key, d),
}))

/** Every completed deal's cells, oldest id first, in chunks with a turn of the event loop between them. */
export async function lzhtRecords() {
	const records: ExportCell[][] = []
	let last: string | null = null
	while (records.length < LEDGER_EXPORT_LIMIT) {
		const chunk = await readChunk(last)
		records.push(...chunk.map((d) => LZHT_COLUMNS.map((c) => c.value(d, ''))))
		if (chunk.length < EXPORT_CHUNK) break
		last = chunk[chunk.length - 1].id
		await nextTurn()
	}
	return records
}
