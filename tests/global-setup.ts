// Vitest globalSetup: applies the committed migrations once per run, into a template SQLite file.
// Each integration test file copies it (tests/helpers/database.ts) instead of running
// `prisma migrate deploy` itself, which cost a few seconds of CPU per file.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
	export interface ProvidedContext {
		/** The migrated, empty template database (a file path). */
		templateDatabase: string
	}
}

export default function setup(project: TestProject) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitest-template-'))
	const file = path.join(dir, 'template.db')
	execFileSync(path.resolve('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
		env: { ...process.env, DATABASE_URL: `file:${file}` },
		stdio: 'pipe',
	})
	project.provide('templateDatabase', file)
	return () => fs.rmSync(dir, { recursive: true, force: true })
}
