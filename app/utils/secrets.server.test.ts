import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { readOrCreateSecret } from './secrets.server.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-test-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('readOrCreateSecret', () => {
	it('makes a secret once and then reads it back', () => {
		const file = path.join(dir, 'a', 'secret')
		const first = readOrCreateSecret(file)
		expect(first.length).toBeGreaterThanOrEqual(32)
		expect(readOrCreateSecret(file)).toBe(first)
		expect(fs.statSync(file).mode & 0o777).toBe(0o600)
		expect(fs.readdirSync(path.dirname(file))).toEqual(['secret'])
	})

	it('replaces a file too short to be a secret', () => {
		const file = path.join(dir, 'short')
		fs.writeFileSync(file, 'abc')
		const secret = readOrCreateSecret(file)
		expect(secret.length).toBeGreaterThanOrEqual(32)
		expect(fs.readFileSync(file, 'utf8')).toBe(secret)
	})

	it('gives processes that start together the same secret', async () => {
		const file = path.join(dir, 'raced', 'secret')
		const script = `import { readOrCreateSecret } from ${JSON.stringify(path.resolve('app/utils/secrets.server.ts'))}
			const go = Number(process.argv[2]); while (Date.now() < go) {}
			process.stdout.write(readOrCreateSecret(process.argv[1]))`
		const go = Date.now() + 3000
		const run = promisify(execFile)
		const outputs = await Promise.all(
			Array.from({ length: 6 }, () =>
				run(path.resolve('node_modules/.bin/tsx'), ['--eval', script, file, String(go)], { env: { ...process.env, SECRET_FILE: path.join(dir, 'unused') } }),
			),
		)
		const secrets = new Set(outputs.map((o) => o.stdout))
		expect(secrets.size).toBe(1)
		expect(fs.readFileSync(file, 'utf8')).toBe([...secrets][0])
	}, 30_000)
})
