// A dBASE III table (the .dbf of a shapefile) read with iconv-lite, so its text can be GBK/GB18030
// (the default for Chinese GIS files without a .cpg) or whatever the .cpg names. The format: a
// 32-byte header (record count at 4, header length at 8, record length at 10), 32-byte field
// descriptors up to 0x0D, then fixed-length records each starting with a deletion flag.
import iconv from 'iconv-lite'
import type { Cell } from '~/domain/parcel-fields.ts'
import { ImportRefusal } from './refusal.server.ts'

type Field = { name: string; type: string; offset: number; length: number }

/** The iconv encoding a .cpg names (code page numbers or names), GB18030 without one. */
export function dbfEncoding(cpg: string | null) {
	if (!cpg) return 'gb18030'
	const name = cpg.trim().toLowerCase()
	if (['936', 'cp936', 'gbk', 'gb2312', 'gb18030', '54936', 'ansi 936'].includes(name)) return 'gb18030'
	if (['65001', 'utf-8', 'utf8'].includes(name)) return 'utf8'
	if (/^\d+$/.test(name) && iconv.encodingExists(`cp${name}`)) return `cp${name}`
	if (iconv.encodingExists(name)) return name
	throw new ImportRefusal('unknownEncoding', { found: cpg.slice(0, 40) })
}

export type Dbf = { count: number; columns: string[]; row(index: number): Record<string, Cell> }

export function readDbf(bytes: Buffer, encoding: string): Dbf {
	if (bytes.length < 33) throw new ImportRefusal('dbfUnreadable')
	const count = bytes.readUInt32LE(4)
	const headerLength = bytes.readUInt16LE(8)
	const recordLength = bytes.readUInt16LE(10)
	if (headerLength < 33 || headerLength > bytes.length || recordLength < 1 || headerLength + count * recordLength > bytes.length + 1) throw new ImportRefusal('dbfUnreadable')
	const fields: Field[] = []
	let offset = 1
	for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
		const rawName = bytes.subarray(at, at + 11)
		const end = rawName.indexOf(0)
		const name = iconv.decode(rawName.subarray(0, end === -1 ? 11 : end), encoding).trim()
		const length = bytes[at + 16]
		fields.push({ name, type: String.fromCharCode(bytes[at + 11]), offset, length })
		offset += length
	}
	if (fields.length === 0 || offset > recordLength) throw new ImportRefusal('dbfUnreadable')
	return {
		count,
		columns: fields.map((f) => f.name),
		row(index) {
			const start = headerLength + index * recordLength
			const out: Record<string, Cell> = {}
			for (const f of fields) {
				const raw = bytes.subarray(start + f.offset, start + f.offset + f.length)
				if (f.type === 'C' || f.type === 'D') out[f.name] = iconv.decode(raw, encoding).replace(/\0/g, '').trim() || null
				else if (f.type === 'N' || f.type === 'F') {
					const s = raw.toString('latin1').trim()
					const n = s === '' || s.startsWith('*') ? NaN : Number(s)
					out[f.name] = Number.isFinite(n) ? n : null
				} else if (f.type === 'L') {
					const c = raw.toString('latin1').trim().toUpperCase()
					out[f.name] = 'YT'.includes(c) && c ? true : 'NF'.includes(c) && c ? false : null
				} else out[f.name] = null
			}
			return out
		},
	}
}
