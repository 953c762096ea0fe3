// Reads one shapefile layer out of a zip, refusing before inflating anything when the archive is
// unsafe: too many entries, a name that is absolute or climbs out (`../`), declared sizes over the
// cap or compressed absurdly well (a zip bomb). Declared sizes can lie, so the inflated bytes are
// counted as they come and reading stops at the cap as well (yauzl also checks them against the
// declared size).
import iconv from 'iconv-lite'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { ImportRefusal, PARCEL_LIMITS } from './refusal.server.ts'

export type LayerFiles = { name: string; shp: Buffer; shx: Buffer | null; dbf: Buffer | null; prj: string | null; cpg: string | null }
const PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const

/** Entry names are UTF-8 when bit 11 says so; Chinese Windows zips write them in GBK. */
function entryName(entry: Entry) {
	const raw = entry.fileName as unknown as Buffer
	return (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : iconv.decode(raw, 'gb18030')
}

export function unsafeName(name: string) {
	return name.startsWith('/') || name.startsWith('\\') || /^[a-z]:/i.test(name) || name.split(/[\\/]/).includes('..') || name.includes('\0')
}

function open(bytes: Buffer) {
	return new Promise<ZipFile>((resolve, reject) =>
		yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
	)
}

async function listEntries(zip: ZipFile, limits: typeof PARCEL_LIMITS) {
	if (zip.entryCount > limits.zipEntries) throw new ImportRefusal('zipTooManyEntries', { count: zip.entryCount, max: limits.zipEntries })
	const entries: { entry: Entry; name: string }[] = []
	await new Promise<void>((resolve, reject) => {
		zip.on('entry', (entry: Entry) => {
			const name = entryName(entry)
			if (unsafeName(name)) {
				reject(new ImportRefusal('zipPathUnsafe', { name: name.slice(0, 100) }))
				return
			}
			entries.push({ entry, name })
			zip.readEntry()
		})
		zip.on('end', () => resolve())
		zip.on('error', reject)
		zip.readEntry()
	})
	return entries
}

function inflate(zip: ZipFile, entry: Entry, budget: { left: number }) {
	return new Promise<Buffer>((resolve, reject) => {
		zip.openReadStream(entry, (error, stream) => {
			if (error) return reject(error)
			const chunks: Buffer[] = []
			stream.on('data', (chunk: Buffer) => {
				budget.left -= chunk.length
				if (budget.left < 0) {
					stream.destroy()
					reject(new ImportRefusal('zipTooLarge', { max: Math.round(PARCEL_LIMITS.inflatedBytes / 1024 / 1024) }))
					return
				}
				chunks.push(chunk)
			})
			stream.on('end', () => resolve(Buffer.concat(chunks)))
			stream.on('error', reject)
		})
	})
}

export async function readZipLayer(bytes: Buffer, limits = PARCEL_LIMITS): Promise<LayerFiles> {
	let zip: ZipFile
	try {
		zip = await open(bytes)
	} catch {
		throw new ImportRefusal('zipUnreadable')
	}
	try {
		let entries
		try {
			entries = await listEntries(zip, limits)
		} catch (error) {
			if (error instanceof ImportRefusal) throw error
			throw new ImportRefusal('zipUnreadable')
		}
		// macOS resource forks and hidden files are not layers.
		const files = entries.filter(({ name }) => !/(^|\/)(__MACOSX|\.)/.test(name) && !name.endsWith('/'))
		const layers = [...new Set(files.filter(({ name }) => /\.shp$/i.test(name)).map(({ name }) => name.slice(0, -4)))]
		if (layers.length === 0) throw new ImportRefusal('noShapefile')
		if (layers.length > 1) throw new ImportRefusal('severalLayers', { names: layers.slice(0, 10).join(', ') })
		const base = layers[0]
		const parts = new Map<string, Entry>()
		for (const { name, entry } of files) {
			const dot = name.lastIndexOf('.')
			const ext = name.slice(dot + 1).toLowerCase()
			if (name.slice(0, dot).toLowerCase() === base.toLowerCase() && (PARTS as readonly string[]).includes(ext)) parts.set(ext, entry)
		}
		// Every size is checked before a byte is inflated.
		let declared = 0
		for (const entry of parts.values()) {
			declared += entry.uncompressedSize
			if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > limits.zipRatio * Math.max(1, entry.compressedSize)) {
				throw new ImportRefusal('zipBomb', { ratio: Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize)) })
			}
		}
		if (declared > limits.inflatedBytes) throw new ImportRefusal('zipTooLarge', { max: Math.round(limits.inflatedBytes / 1024 / 1024) })
		const budget = { left: limits.inflatedBytes }
		const read = async (ext: (typeof PARTS)[number]) => {
			const entry = parts.get(ext)
			if (!entry) return null
			try {
				return await inflate(zip, entry, budget)
			} catch (error) {
				if (error instanceof ImportRefusal) throw error
				throw new ImportRefusal('zipUnreadable')
			}
		}
		const shp = await read('shp')
		if (!shp) throw new ImportRefusal('noShapefile')
		return {
			name: base.split('/').at(-1) ?? base,
			shp,
			shx: await read('shx'),
			dbf: await read('dbf'),
			prj: (await read('prj'))?.toString('utf8') ?? null,
			cpg: (await read('cpg'))?.toString('latin1').trim() ?? null,
		}
	} finally {
		zip.close()
	}
}
