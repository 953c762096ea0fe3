// The 台账 reader on files laid out as Excel writes them. exceljs's streaming reader once lost parts
// of such files at random (a sheet before the shared strings went through a temp-file detour): about
// 1 read in 130 saw shared-string indices instead of text, or no workbook at all, and every read
// leaked two file descriptors. The reader now re-orders the parts itself; these reads must all agree.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import yazl from 'yazl'
import { overCapLedger, sampleLedger, SAMPLE_ROWS } from '../../../scripts/fixtures/ledger-data.ts'
import { unzip } from '../../../tests/helpers/zip.ts'
import { readLedgerFile } from './read.server.ts'

let dir: string
beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-read-test-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Excel's own order: the workbook first, the sheets, then styles and shared strings. */
const EXCEL_ORDER = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/theme/theme1.xml', 'xl/styles.xml', 'xl/sharedStrings.xml', 'docProps/app.xml', 'docProps/core.xml']

async function inExcelOrder(bytes: Buffer, file: string) {
	const found = await unzip(bytes)
	const zip = new yazl.ZipFile()
	for (const name of [...EXCEL_ORDER, ...[...found.keys()].filter((n) => !EXCEL_ORDER.includes(n))]) {
		const part = found.get(name)
		if (part && !name.endsWith('/')) zip.addBuffer(part, name)
	}
	zip.end()
	await new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', () => resolve()).on('error', reject))
	return file
}

/** Descriptors this process holds on `file` (other test files run in this process too: count only ours). */
const openOn = (file: string) =>
	fs.readdirSync('/proc/self/fd').filter((fd) => {
		try {
			return fs.readlinkSync(`/proc/self/fd/${fd}`) === file
		} catch {
			return false
		}
	}).length

describe('reading a ledger laid out as Excel writes it', () => {
	it('reads the same rows 150 times in a row, and keeps no file open', async () => {
		const file = await inExcelOrder(Buffer.from(await sampleLedger().xlsx.writeBuffer()), path.join(dir, 'excel-order.xlsx'))
		const size = fs.statSync(file).size
		for (let i = 0; i < 150; i++) {
			const result = await readLedgerFile(file, size)
			if (!result.ok) throw new Error(`read ${i + 1}: ${result.problem}`)
			expect(result.rows.length, `read ${i + 1}`).toBe(SAMPLE_ROWS.length)
			expect(result.rows[0].cells.town, `read ${i + 1}`).toBe(SAMPLE_ROWS[0].town)
			expect(result.rows.at(-1)!.cells.title, `read ${i + 1}`).toBe(SAMPLE_ROWS.at(-1)!.title)
		}
		// The zip library closes its descriptor a moment after the last stream ends.
		await expect.poll(() => openOn(file), { timeout: 2000 }).toBe(0)
	}, 60_000)

	it('stops at the row cap and closes the file it stopped reading', async () => {
		const file = path.join(dir, 'over-cap.xlsx')
		fs.writeFileSync(file, await overCapLedger())
		for (let i = 0; i < 3; i++) expect(await readLedgerFile(file, fs.statSync(file).size)).toEqual({ ok: false, problem: 'tooManyRows' })
		await expect.poll(() => openOn(file), { timeout: 2000 }).toBe(0)
	}, 60_000)
})
