// A contract's PDF (issue 12, decision 030): the filled template's blocks printed with PDFKit in a
// font with Chinese glyphs (embedded as a subset, so a contract is tens of KB), A4, with the
// contract number, the template's version and the page in every page's footer, and the page count
// that the 50-page limit checks.
import fs from 'node:fs'
import PDFDocument from 'pdfkit'
import { BLANK, MAX_CONTRACT_PAGES, type Block } from '~/domain/contract-template.ts'
import { env } from '~/utils/env.server.ts'

/** Where Debian's CJK fonts are (fonts-noto-cjk, fonts-wqy-zenhei), with the PostScript name of the Simplified Chinese face. */
const FONT_CANDIDATES: { file: string; name?: string }[] = [
	{ file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', name: 'NotoSerifCJKsc-Regular' },
	{ file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' },
	{ file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', name: 'WenQuanYiZenHei' },
]

export class NoContractFontError extends Error {}

let resolved: { bytes: Buffer; name?: string } | undefined
/** The font to print with: CONTRACT_FONT, else the first installed candidate; read once per process (a CJK collection is ~20 MB). */
function contractFont() {
	if (resolved) return resolved
	const configured = env().CONTRACT_FONT
	let font: { file: string; name?: string } | undefined
	if (configured) {
		const [file, name] = configured.split('#')
		if (!fs.existsSync(file)) throw new NoContractFontError(`CONTRACT_FONT ${file} does not exist`)
		font = { file, name }
	} else font = FONT_CANDIDATES.find((c) => fs.existsSync(c.file))
	if (!font) throw new NoContractFontError('No font with Chinese glyphs: install fonts-noto-cjk, or set CONTRACT_FONT')
	return (resolved = { bytes: fs.readFileSync(font.file), name: font.name })
}

export type ContractPdf = { bytes: Buffer; pages: number }

const MARGIN = 60
/** The words the PDF prints beside the template's text, in the contract's language (`deal:contract.pdf.*`, zh). */
export type PdfWords = { columns: string[]; noParcels: string; footer: (page: number, pages: number) => string }

/**
 * Prints the blocks, with the footer on every page. Stops laying out once past the page limit
 * (`pages` is then MAX + 1): a runaway template costs little.
 */
export async function renderContractPdf(blocks: Block[], words: PdfWords): Promise<ContractPdf> {
	const font = contractFont()
	const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN }, bufferPages: true, info: { Title: blocks[0]?.kind === 'title' ? blocks[0].text : 'Contract' } })
	doc.registerFont('cjk', font.bytes, font.name)
	doc.font('cjk')
	const chunks: Buffer[] = []
	doc.on('data', (c: Buffer) => chunks.push(c))
	const done = new Promise<void>((resolve, reject) => {
		doc.on('end', resolve)
		doc.on('error', reject)
	})
	const width = doc.page.width - 2 * MARGIN
	let tooLong = false
	for (const [i, block] of blocks.entries()) {
		if (doc.bufferedPageRange().count > MAX_CONTRACT_PAGES) {
			tooLong = true
			break
		}
		if (block.kind === 'title') {
			doc.fontSize(i === 0 ? 18 : 14).text(block.text, { align: 'center', width })
			doc.moveDown(i === 0 ? 1 : 0.6)
		} else if (block.kind === 'heading') {
			doc.moveDown(0.4).fontSize(12).text(block.text, { width })
			doc.moveDown(0.2)
		} else if (block.kind === 'paragraph') {
			doc.fontSize(10.5).text(block.text, { width, lineGap: 3 })
			doc.moveDown(0.5)
		} else if (block.kind === 'parcels' && block.parcels.length === 0) {
			doc.fontSize(10.5).text(`${words.noParcels}${BLANK}`, { width })
			doc.moveDown(0.5)
		} else if (block.kind === 'parcels') {
			const cell = (s: string | null) => (s && s.trim() ? s : '—')
			doc.fontSize(9).table({
				columnStyles: [112, '*', 48, '*', '*', '*', '*'],
				rowStyles: (row: number) => (row === 0 ? { backgroundColor: '#eeeeee' } : {}),
				data: [
					words.columns,
					...block.parcels.map((p) => [p.code, cell(p.name), p.areaMu.toFixed(2), cell(p.east), cell(p.south), cell(p.west), cell(p.north)]),
				],
			})
			doc.moveDown(0.8)
		}
	}
	const range = doc.bufferedPageRange()
	for (let p = range.start; p < range.start + range.count; p++) {
		doc.switchToPage(p)
		// Writing inside the bottom margin would add a page: lift the margin while the footer is drawn.
		const bottom = doc.page.margins.bottom
		doc.page.margins.bottom = 0
		doc.fontSize(8).fillColor('#555555').text(words.footer(p + 1, range.count), MARGIN, doc.page.height - MARGIN + 10, { width, align: 'center', lineBreak: false })
		doc.page.margins.bottom = bottom
		doc.fillColor('black')
	}
	doc.end()
	await done
	return { bytes: Buffer.concat(chunks), pages: tooLong ? MAX_CONTRACT_PAGES + 1 : range.count }
}
