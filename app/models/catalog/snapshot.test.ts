import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { removeAbandoned } from './snapshot.ts'

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
