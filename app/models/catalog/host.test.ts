// The host's snapshot for a fast restart (decision 015): written after a load from the tables, and
// again once enough changes came after it, overlay and dead rows included, so that a restart
// applies a few changes rather than loading every row again.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { parseListingQuery } from '~/utils/listing-query.ts'
import { CatalogHost } from './host.ts'
import { readSnapshot } from './snapshot.ts'
import type { Source, SourceRow } from './source.ts'

const towns = [{ id: 'town-a', code: 't0', name: '镇', nameEn: 'Town' }]
const villages = [{ id: 'village-a', code: 'v0', name: '村', nameEn: 'Village' }]

/** A land listing (codes as the database sends them) at a place of its own. */
const row = (key: number, lat = 40 + key / 1e4): SourceRow => [`l${key}`, 1, 'town-a', 'village-a', 10, 0, 100, 0, 0, lat, 110 + key / 1e4, Date.UTC(2026, 0, 1), 0, key]

/** The database as the host sees it: published listings by key, and the change log. */
function fakeSource(snapshotPath: string) {
	const published = new Map<string, SourceRow>()
	const log: Array<{ id: number; listingId: string }> = []
	const change = (listingId: string) => log.push({ id: log.length + 1, listingId })
	const source: Source = {
		towns: () => towns,
		villages: () => villages,
		page(after, limit) {
			const rows = [...published.values()].filter((r) => r[13] > after).sort((a, b) => a[13] - b[13]).slice(0, limit)
			return { rows: rows.map((r) => [...r] as SourceRow), lastRowid: rows.length ? rows[rows.length - 1][13] : after }
		},
		rows: (ids) => ids.flatMap((id) => (published.has(id) ? [[...published.get(id)!] as SourceRow] : [])),
		details: () => new Map(),
		snapshotPath,
		publishedCount: () => published.size,
		lastChange: () => log.length,
		firstChange: () => (log.length ? 1 : null),
		changes: (after, limit) => log.slice(after, after + limit),
		textMatches: () => null,
		close() {},
	}
	return {
		source,
		publish(r: SourceRow) {
			published.set(r[0], r)
			change(r[0])
		},
		withdraw(id: string) {
			published.delete(id)
			change(id)
		},
		lastChange: () => log.length,
	}
}

let dir: string | null = null
afterEach(() => {
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function snapshotCursor(file: string, until: (cursor: number | undefined) => boolean) {
	let cursor: number | undefined
	for (let i = 0; i < 100; i++) {
		cursor = readSnapshot(file, towns, villages)?.cursor
		if (until(cursor)) break
		await new Promise((r) => setTimeout(r, 20))
	}
	return cursor
}

it('writes the snapshot again once enough changes came after it; a restart starts from it, overlay and all', async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-test-'))
	const file = path.join(dir, 'test.catalog')
	const db = fakeSource(file)
	for (let key = 1; key <= 100; key++) db.publish(row(key))
	const snapshots = { minListings: 50, afterChanges: 20 }
	const first = new CatalogHost(db.source, () => {}, snapshots)
	expect((await first.status()).listings).toBe(100)
	expect(await snapshotCursor(file, (c) => c === 100)).toBe(100)

	// Ten withdrawn, ten moved, ten new: thirty changes, past the twenty after which it is saved again.
	for (let key = 1; key <= 10; key++) db.withdraw(`l${key}`)
	for (let key = 11; key <= 20; key++) db.publish(row(key, 39))
	for (let key = 101; key <= 110; key++) db.publish(row(key))
	const changed = await first.status()
	expect(changed).toMatchObject({ listings: 100, overlay: 20, cursor: 130 })
	expect(await snapshotCursor(file, (c) => c === 130)).toBe(130)

	// A restart reads that snapshot: nothing from the tables, nothing left to apply.
	const messages: string[] = []
	const second = new CatalogHost(db.source, (m) => messages.push(m), snapshots)
	expect(await second.status()).toMatchObject({ listings: 100, overlay: 20, cursor: 130 })
	expect(messages.join('\n')).toMatch(/from the snapshot/)
	expect(messages.join('\n')).not.toMatch(/loaded in/)
	const everything = parseListingQuery(new URLSearchParams('bbox=109,38,111,41&zoom=16')).query
	const ids = async (host: CatalogHost) => (await host.list(everything, 200)).items.map((i) => i.id).sort()
	expect(await ids(second)).toEqual(await ids(first))
	expect(await ids(second)).not.toContain('l1')
})

it('keeps the snapshot it has while fewer changes came after it', async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-test-'))
	const file = path.join(dir, 'test.catalog')
	const db = fakeSource(file)
	for (let key = 1; key <= 100; key++) db.publish(row(key))
	const host = new CatalogHost(db.source, () => {}, { minListings: 50, afterChanges: 20 })
	await host.status()
	expect(await snapshotCursor(file, (c) => c === 100)).toBe(100)
	for (let key = 1; key <= 5; key++) db.withdraw(`l${key}`)
	expect((await host.status()).cursor).toBe(105)
	await new Promise((r) => setTimeout(r, 100))
	expect(readSnapshot(file, towns, villages)?.cursor).toBe(100)
})
