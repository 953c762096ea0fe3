// A freshly migrated database for one integration test file: a copy of the template that
// tests/global-setup.ts migrated once for the whole run.
import fs from 'node:fs'
import path from 'node:path'
import { inject } from 'vitest'

/** Creates the SQLite file of `url` (file:…) as an empty, migrated database. */
export function createTestDatabase(url: string) {
	const file = url.replace(/^file:/, '')
	fs.mkdirSync(path.dirname(file), { recursive: true })
	fs.copyFileSync(inject('templateDatabase'), file)
}
