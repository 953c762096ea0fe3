// The engine's snapshot, for a fast restart (decision 015): the columns and the spatial index as
// one file beside the database (PostgreSQL: in CATALOG_SNAPSHOT_DIR), with the change-log cursor
// it is current to. A restart reads it (a fraction of a second at a million listings, against
// seconds from the tables) and applies the changes since. Written after each load from the tables
// and every few thousand changes after (host.ts), atomically (write, then rename).
import fs from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { Catalog } from './engine.ts'
import type { PlaceRow } from './source.ts'

// 2: search keys (decision 020). 3: written at any time, with an overlay and dead rows (the
// indexed rows' count in the catalogue's header).
const FORMAT = 3

type Header = { format: number; cursor: number; towns: string[]; villages: string[] }

export async function writeSnapshot(path: string, s: { cursor: number; towns: PlaceRow[]; villages: PlaceRow[]; catalog: Catalog }) {
	const header: Header = { format: FORMAT, cursor: s.cursor, towns: s.towns.map((t) => t.id), villages: s.villages.map((v) => v.id) }
	const head = Buffer.from(JSON.stringify(header))
	const length = Buffer.alloc(4)
	length.writeUInt32BE(head.length)
	const tmp = `${path}.${process.pid}.tmp`
	// PostgreSQL's snapshots live in a directory of their own (source.pg.ts), made on first use.
	await fs.promises.mkdir(dirname(path), { recursive: true })
	await removeAbandoned(path)
	// One vectored write: writeFile goes in 512 KB chunks, each waiting for a turn of this busy
	// thread's event loop, and a server stopped within seconds of its load never finished one.
	const file = await fs.promises.open(tmp, 'w', 0o600)
	try {
		const parts = [length, head, ...s.catalog.toBytes()]
		const { bytesWritten } = await file.writev(parts)
		if (bytesWritten !== parts.reduce((sum, p) => sum + p.byteLength, 0)) throw new Error(`short write: ${bytesWritten} bytes`)
	} finally {
		await file.close()
	}
	await fs.promises.rename(tmp, path)
}

/** Half-written snapshots of processes that stopped while writing (a hundred megabytes each at a million). */
export async function removeAbandoned(path: string) {
	const dir = dirname(path)
	const prefix = `${basename(path)}.`
	for (const name of await fs.promises.readdir(dir)) {
		const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -'.tmp'.length)) : NaN
		if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue
		await fs.promises.rm(join(dir, name), { force: true })
	}
}

function alive(pid: number) {
	try {
		process.kill(pid, 0)
		return true
	} catch (error) {
		// EPERM: a process of another user holds that number.
		return (error as NodeJS.ErrnoException).code === 'EPERM'
	}
}

/** The snapshot's catalogue, if there is one for these very places (same ids, same order). */
export function readSnapshot(path: string, towns: PlaceRow[], villages: PlaceRow[]): { cursor: number; catalog: Catalog } | null {
	let bytes: Buffer
	try {
		bytes = fs.readFileSync(path)
	} catch {
		return null
	}
	try {
		const headLength = bytes.readUInt32BE(0)
		const header = JSON.parse(bytes.subarray(4, 4 + headLength).toString('utf8')) as Header
		const same = (a: string[], b: PlaceRow[]) => a.length === b.length && a.every((id, i) => id === b[i].id)
		if (header.format !== FORMAT || !same(header.towns, towns) || !same(header.villages, villages)) return null
		// A copy at offset 0, so the typed views inside are aligned.
		const body = new Uint8Array(bytes.length - 4 - headLength)
		body.set(bytes.subarray(4 + headLength))
		return { cursor: header.cursor, catalog: Catalog.fromBytes(body, towns, villages) }
	} catch {
		return null
	}
}

export function removeSnapshot(path: string) {
	fs.rmSync(path, { force: true })
}
