import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { Catalog } from './engine.ts'
import { readSnapshot, removeAbandoned, writeSnapshot } from './snapshot.ts'

let dir: string | null = null
afterEach(() => {
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

it("removes the half-written snapshots of stopped processes, not a running process's, nor other files", async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-test-'))
	const snapshot = path.join(dir, 'data.db.catalog')
	// A process that has exited: its number is free.
	const gone = spawnSync(process.execPath, ['-e', '']).pid!
	const names = ['data.db.catalog', `data.db.catalog.${gone}.tmp`, `data.db.catalog.${process.pid}.tmp`, `other.db.catalog.${gone}.tmp`, 'notes.txt']
	for (const name of names) fs.writeFileSync(path.join(dir, name), 'x')
	await removeAbandoned(snapshot)
	expect(fs.readdirSync(dir).sort()).toEqual(names.filter((n) => n !== `data.db.catalog.${gone}.tmp`).sort())
})

it('reads back what it wrote, for the same places only', async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-test-'))
	const file = path.join(dir, 'catalog', 'pg-test.catalog')
	const towns = [{ id: 'town-a', code: 't0', name: '镇', nameEn: 'Town' }]
	const villages = [{ id: 'village-a', code: 'v0', name: '村', nameEn: 'Village' }]
	const catalog = new Catalog(towns, villages)
	for (let i = 0; i < 50; i++) {
		catalog.upsert({ id: `l${i}`, type: 'LAND', townIndex: 0, villageIndex: 0, area: i + 1, areaUnit: 'mu', price: 100 + i, priceUnit: 'YUAN_PER_MU_YEAR', transferMode: 'LEASE', lat: 40 + i / 1000, lng: 110 + i / 1000, publishedAt: Date.UTC(2026, 0, 1 + i), hasBoundary: false, searchKey: i + 1 })
	}
	catalog.buildIndex()
	// The directory is made on first use (PostgreSQL's snapshots live in one of their own).
	await writeSnapshot(file, { cursor: 7, towns, villages, catalog })
	const read = readSnapshot(file, towns, villages)
	expect(read?.cursor).toBe(7)
	expect(read?.catalog.size).toBe(50)
	const row = read!.catalog.rowOf('l42')!
	expect(read!.catalog.view(row)).toEqual(catalog.view(catalog.rowOf('l42')!))
	expect(fs.readdirSync(path.dirname(file))).toEqual(['pg-test.catalog'])
	// Another database's places: not this snapshot.
	expect(readSnapshot(file, [{ ...towns[0], id: 'town-b' }], villages)).toBeNull()
})
