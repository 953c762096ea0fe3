// Contracts from the model text (issue 12, decision 030): the templates and their versions, the
// village generating a deal's contract (a contract number, the template version it comes from,
// audited), and the PDF that the parties and officials download, print and sign. The signed
// scan then goes through the contract step (deal.server.ts attachContract) as before.
import type { Prisma } from '@prisma/client'
import type { TFunction } from 'i18next'
import {
	blocksAsText,
	contractNumber,
	contractNumberStem,
	fillTemplate,
	MAX_CONTRACT_PAGES,
	templateKindFor,
	templateProblems,
	TEMPLATE_KINDS,
	yuanInCapitals,
	type ContractValues,
	type TemplateKind,
	type TemplateProblem,
} from '~/domain/contract-template.ts'
import { BUILT_IN_TEMPLATES } from '~/domain/contract-texts.ts'
import { ACTIVE_STATUSES } from '~/domain/deal.ts'
import { nextFilingSerial } from '~/domain/filing.ts'
import type { AreaUnit, ListingType, PriceUnit, TransferMode } from '~/domain/listing.ts'
import { paysYearlyRent } from '~/domain/rent-schedule.ts'
import { priceInYuan } from '~/domain/units.ts'
import { instanceFor } from '~/i18next.server.ts'
import type { SessionUser } from '~/utils/auth.server.ts'
import { chinaDay } from '~/utils/calendar-date.ts'
import { isUniqueViolation } from '~/utils/database-errors.ts'
import { prisma } from '~/utils/db.server.ts'
import { env } from '~/utils/env.server.ts'
import { formatArea, formatNumber, formatPrice } from '~/utils/format.ts'
import { appendAudit } from './audit.server.ts'
import { contractReaders } from './deal.server.ts'
import { renderContractPdf, type ContractPdf } from './contract-pdf.server.ts'
import { dealTermsSelect } from './listing-select.server.ts'

type Tx = Prisma.TransactionClient
type Reader = Parameters<typeof contractReaders>[0]

const templateSelect = { id: true, kind: true, version: true, title: true, body: true, note: true, createdAt: true, createdBy: { select: { name: true } } } as const

/**
 * The newest version of a kind; version 1 (the built-in text) is written the first time a kind is
 * needed. Two first uses at once: the unique (kind, version) keeps one, the other reads it.
 */
export async function currentTemplate(kind: TemplateKind) {
	const newest = () => prisma.contractTemplate.findFirst({ where: { kind }, orderBy: { version: 'desc' }, select: templateSelect })
	const found = await newest()
	if (found) return found
	try {
		await prisma.contractTemplate.create({ data: { kind, version: 1, ...BUILT_IN_TEMPLATES[kind] } })
	} catch (error) {
		if (!isUniqueViolation(error)) throw error
	}
	return (await newest())!
}

/** Every kind with its newest version, for the administrator's list. */
export async function templateOverview() {
	return Promise.all(TEMPLATE_KINDS.map(async (kind) => ({ kind, current: await currentTemplate(kind) })))
}

/** One kind's versions, newest first, with how many contracts each produced. */
export async function templateVersions(kind: TemplateKind) {
	await currentTemplate(kind)
	return prisma.contractTemplate.findMany({
		where: { kind },
		orderBy: { version: 'desc' },
		select: { ...templateSelect, _count: { select: { deals: true } } },
	})
}

// ------------------------------------------------------------------ the PDF

/** The words printed beside the template's text, in the contract's language (Chinese). */
async function zhT() {
	return (await instanceFor('zh')).getFixedT('zh', ['deal', 'common'])
}

function pdfWords(t: TFunction, footer: string) {
	return {
		columns: ['code', 'name', 'area', 'east', 'south', 'west', 'north'].map((c) => t(`deal:contract.pdf.columns.${c}`)),
		noParcels: t('deal:contract.pdf.noParcels'),
		footer: (page: number, pages: number) => t('deal:contract.pdf.footer', { footer, page, pages }),
	}
}

/** A template filled with made-up values: the administrator's preview, and the page-count check of a new version. */
function sampleValues(t: TFunction): ContractValues {
	const parcel = (i: number) => ({ code: `15062110220300${String(i).padStart(5, '0')}`, name: t('deal:contract.sample.parcel', { n: i }), areaMu: 12.5, east: t('deal:contract.sample.road'), south: t('deal:contract.sample.ditch'), west: t('deal:contract.sample.neighbour'), north: t('deal:contract.sample.road') })
	return {
		contractNo: contractNumber(env().CERTIFICATE_PREFIX, 'SAMPLE', 2026, 1),
		town: t('deal:contract.sample.town'),
		village: t('deal:contract.sample.village'),
		villageContact: t('deal:contract.sample.contact'),
		villagePhone: '0477-0000000',
		transferee: t('deal:contract.sample.transferee'),
		transfereeIdNumber: null,
		transfereePhone: '13800000000',
		title: t('deal:contract.sample.title'),
		listingType: t('common:types.LAND'),
		mode: t('common:transferModes.LEASE'),
		tradingMode: t('common:tradingModes.NEGOTIATED'),
		area: formatArea(50, 'mu', 'zh'),
		parcelCount: '4',
		parcels: [1, 2, 3, 4].map(parcel),
		useAfter: null,
		termYears: '10',
		startsOn: null,
		endsOn: null,
		price: formatPrice(400, 'YUAN_PER_MU_YEAR', 'zh'),
		totalValue: formatNumber(200000, 'zh', 2),
		totalValueUpper: yuanInCapitals(200000),
		annualRent: formatNumber(20000, 'zh', 2),
		annualRentUpper: yuanInCapitals(20000),
		dealDate: chinaDay(new Date()),
		centre: env().CENTRE_NAME ?? t('common:centreName'),
	}
}

/** A version's PDF with the sample values: what the administrator previews. */
export async function templatePreview(kind: TemplateKind, version: number): Promise<ContractPdf | null> {
	await currentTemplate(kind)
	const template = await prisma.contractTemplate.findUnique({ where: { kind_version: { kind, version } }, select: { title: true, body: true } })
	if (!template) return null
	const t = await zhT()
	return renderContractPdf(fillTemplate(template.title, template.body, sampleValues(t)), pdfWords(t, t('deal:contract.pdf.sampleFooter', { version })))
}

// ------------------------------------------------------------------ new versions

export type SaveTemplateResult = { ok: true; version: number } | { ok: false; problems: (TemplateProblem | { code: 'tooManyPages'; pages: number } | { code: 'unchanged' })[] }

/**
 * A new version of a kind's template, by an administrator: refused with its problems (unknown
 * placeholders, a text that prints over 50 pages with four parcels, …). Earlier versions stay, and
 * the contracts they produced keep them.
 */
export async function saveTemplate(admin: Pick<SessionUser, 'id'>, kind: TemplateKind, input: { title: string; body: string; note: string | null }, now = new Date()): Promise<SaveTemplateResult> {
	const title = input.title.trim()
	const body = input.body.replace(/\r\n?/g, '\n')
	const problems = templateProblems(title, body)
	if (problems.length) return { ok: false, problems }
	const current = await currentTemplate(kind)
	// The same text again would be a version that changes nothing.
	if (current.title === title && current.body === body) return { ok: false, problems: [{ code: 'unchanged' }] }
	const t = await zhT()
	const pdf = await renderContractPdf(fillTemplate(title, body, sampleValues(t)), pdfWords(t, ''))
	if (pdf.pages > MAX_CONTRACT_PAGES) return { ok: false, problems: [{ code: 'tooManyPages', pages: pdf.pages }] }
	for (;;) {
		try {
			return await prisma.$transaction(async (tx) => {
				const last = await tx.contractTemplate.findFirst({ where: { kind }, orderBy: { version: 'desc' }, select: { version: true } })
				const version = (last?.version ?? 0) + 1
				const row = await tx.contractTemplate.create({ data: { kind, version, title, body, note: input.note?.trim() || null, createdById: admin.id, createdAt: now }, select: { id: true } })
				await appendAudit(tx, { actorId: admin.id, entityType: 'CONTRACT_TEMPLATE', entityId: row.id, action: 'template:save', params: { kind, version }, createdAt: now })
				return { ok: true as const, version }
			})
		} catch (error) {
			// Two administrators saving at once drew the same number: the second draws again.
			if (!isUniqueViolation(error)) throw error
		}
	}
}

// ------------------------------------------------------------------ a deal's contract

const dealSelect = {
	id: true,
	status: true,
	contractFile: true,
	contractCode: true,
	contractGeneratedAt: true,
	contractTemplate: { select: { id: true, kind: true, version: true, title: true, body: true } },
	...dealTermsSelect,
	startsOn: true,
	endsOn: true,
	useAfter: true,
	createdAt: true,
	outsideBuyerName: true,
	outsideBuyerIdNumber: true,
	buyer: { select: { name: true, phone: true } },
	listing: {
		select: {
			title: true,
			type: true,
			village: { select: { code: true, name: true, contactName: true, contactPhone: true } },
			town: { select: { name: true } },
			parcels: { orderBy: { parcel: { code: 'asc' } }, select: { parcel: { select: { code: true, name: true, surveyedAreaMu: true, east: true, south: true, west: true, north: true } } } },
		},
	},
} as const satisfies Prisma.DealSelect

type ContractDeal = Prisma.DealGetPayload<{ select: typeof dealSelect }>

function dealValues(d: ContractDeal, t: TFunction): ContractValues {
	const day = (date: Date | null) => (date ? chinaDay(date) : null)
	const yearly = paysYearlyRent(d) ? priceInYuan(d.price, d.priceUnit as PriceUnit, d.area, d.areaUnit as AreaUnit) : null
	const parcels = d.listing.parcels.map(({ parcel: p }) => ({ code: p.code, name: p.name, areaMu: p.surveyedAreaMu, east: p.east, south: p.south, west: p.west, north: p.north }))
	return {
		contractNo: d.contractCode,
		town: d.listing.town.name,
		village: d.listing.village.name,
		villageContact: d.listing.village.contactName,
		villagePhone: d.listing.village.contactPhone,
		transferee: d.buyer?.name ?? d.outsideBuyerName,
		transfereeIdNumber: d.outsideBuyerIdNumber,
		transfereePhone: d.buyer?.phone ?? null,
		title: d.listing.title,
		listingType: t(`common:types.${d.listing.type}`),
		mode: t(`common:transferModes.${d.transferMode}`),
		tradingMode: t(`common:tradingModes.${d.tradingMode}`),
		area: formatArea(d.area, d.areaUnit as AreaUnit, 'zh'),
		parcelCount: parcels.length ? String(parcels.length) : null,
		parcels,
		useAfter: d.useAfter,
		termYears: d.termYears ? String(d.termYears) : null,
		startsOn: day(d.startsOn),
		endsOn: day(d.endsOn),
		price: formatPrice(d.price, d.priceUnit as PriceUnit, 'zh'),
		totalValue: formatNumber(d.totalValueYuan, 'zh', 2),
		totalValueUpper: yuanInCapitals(d.totalValueYuan),
		annualRent: yearly === null ? null : formatNumber(yearly, 'zh', 2),
		annualRentUpper: yearly === null ? null : yuanInCapitals(yearly),
		dealDate: chinaDay(d.createdAt),
		centre: env().CENTRE_NAME ?? t('common:centreName'),
	}
}

async function nextContractNo(tx: Tx, villageCode: string, at: Date) {
	const year = Number(chinaDay(at).slice(0, 4))
	const stem = contractNumberStem(env().CERTIFICATE_PREFIX, villageCode, year)
	const last = await tx.deal.findFirst({ where: { contractCode: { startsWith: stem } }, orderBy: { contractCode: 'desc' }, select: { contractCode: true } })
	return contractNumber(env().CERTIFICATE_PREFIX, villageCode, year, nextFilingSerial(last?.contractCode ?? null))
}

export type GenerateProblem = 'notFound' | 'hasContract' | 'tooManyPages'
export type GenerateResult = { ok: true; contractNo: string; version: number } | { ok: false; problem: GenerateProblem }

/**
 * The village generates its active deal's contract from the newest template of the deal's kind:
 * the deal gets its contract number (once) and the version. Again before the signed scan is in,
 * it takes the newest version (a corrected template); once the scan is in, the text is fixed.
 */
export async function generateContract(user: Pick<SessionUser, 'id' | 'villageId'>, dealId: string, now = new Date()): Promise<GenerateResult> {
	if (!user.villageId) return { ok: false, problem: 'notFound' }
	const where = { id: dealId, listing: { villageId: user.villageId }, status: { in: [...ACTIVE_STATUSES] } }
	const deal = await prisma.deal.findFirst({ where, select: dealSelect })
	if (!deal) return { ok: false, problem: 'notFound' }
	if (deal.contractFile) return { ok: false, problem: 'hasContract' }
	const template = await currentTemplate(templateKindFor(deal.listing.type as ListingType, deal.transferMode as TransferMode))
	// A contract that would print over the limit (a listing of hundreds of parcels) is refused before anything is written.
	const t = await zhT()
	const pdf = await renderContractPdf(fillTemplate(template.title, template.body, dealValues({ ...deal, contractCode: deal.contractCode ?? 'X' }, t)), pdfWords(t, ''))
	if (pdf.pages > MAX_CONTRACT_PAGES) return { ok: false, problem: 'tooManyPages' }
	for (;;) {
		try {
			return await prisma.$transaction(async (tx): Promise<GenerateResult> => {
				const contractNo = deal.contractCode ?? (await nextContractNo(tx, deal.listing.village.code, now))
				// No scan in the `where`: a generation racing the upload of the scan loses.
				const res = await tx.deal.updateMany({ where: { ...where, contractFile: null }, data: { contractCode: contractNo, contractTemplateId: template.id, contractGeneratedAt: now } })
				if (res.count === 0) return { ok: false, problem: 'hasContract' }
				// Two deals of a village drawing the same number at once: the loser draws again.
				if ((await tx.deal.count({ where: { contractCode: contractNo } })) > 1) throw new DuplicateNumber()
				await appendAudit(tx, { actorId: user.id, entityType: 'DEAL', entityId: deal.id, action: 'contract:generate', fromState: deal.status, toState: deal.status, params: { contractNo, kind: template.kind, version: template.version }, createdAt: now })
				return { ok: true, contractNo, version: template.version }
			})
		} catch (error) {
			if (!(error instanceof DuplicateNumber)) throw error
		}
	}
}

class DuplicateNumber extends Error {}

/** The generated contract of a deal for a reader, as the blocks it prints (null: no such deal for them, or not generated yet). */
export async function contractDocument(user: Reader, dealId: string) {
	const deal = await prisma.deal.findFirst({ where: { id: dealId, contractTemplateId: { not: null }, ...contractReaders(user) }, select: dealSelect })
	if (!deal?.contractTemplate || !deal.contractCode) return null
	const t = await zhT()
	const { title, body, version } = deal.contractTemplate
	return { blocks: fillTemplate(title, body, dealValues(deal, t)), words: pdfWords(t, t('deal:contract.pdf.dealFooter', { no: deal.contractCode, version })), contractNo: deal.contractCode }
}

/** The generated contract as plain text, for the deal's dossier (null: not generated). Reads through `db` (a transaction). */
export async function contractText(db: Tx, dealId: string) {
	const deal = await db.deal.findUnique({ where: { id: dealId }, select: dealSelect })
	if (!deal?.contractTemplate || !deal.contractCode) return null
	const t = await zhT()
	const words = pdfWords(t, '')
	return blocksAsText(fillTemplate(deal.contractTemplate.title, deal.contractTemplate.body, dealValues(deal, t)), words.columns)
}

/** The generated contract's PDF for a reader (null as for contractDocument). */
export async function contractPdf(user: Reader, dealId: string) {
	const document = await contractDocument(user, dealId)
	if (!document) return null
	return { ...(await renderContractPdf(document.blocks, document.words)), contractNo: document.contractNo }
}
