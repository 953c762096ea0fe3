import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { pgSnapshotPath } from './source.pg.ts'

describe("PostgreSQL's catalogue snapshot file", () => {
	afterEach(() => {
		delete process.env.CATALOG_SNAPSHOT_DIR
	})

	it('is one file per server and database, whoever connects, in data/catalog unless set', () => {
		const a = pgSnapshotPath('postgresql://app:secret@db.example:5432/exchange')
		expect(path.dirname(a)).toBe(path.resolve('data', 'catalog'))
		expect(a).not.toContain('secret')
		// Another user or password, or the default port written out: the same database, the same file.
		expect(pgSnapshotPath('postgresql://reader@db.example/exchange')).toBe(a)
		expect(pgSnapshotPath('postgresql://db.example:5433/exchange')).not.toBe(a)
		expect(pgSnapshotPath('postgresql://db.example:5432/other')).not.toBe(a)
		expect(pgSnapshotPath('postgresql://db2.example:5432/exchange')).not.toBe(a)
	})

	it('goes where CATALOG_SNAPSHOT_DIR says', () => {
		process.env.CATALOG_SNAPSHOT_DIR = '/var/cache/rural-exchange'
		expect(path.dirname(pgSnapshotPath('postgresql://db.example/exchange'))).toBe('/var/cache/rural-exchange')
	})
})
