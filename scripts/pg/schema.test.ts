import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { postgresSchema } from './schema.mjs'

describe('one schema source for both engines', () => {
	const source = fs.readFileSync('prisma/schema.prisma', 'utf8')

	it("derives PostgreSQL's schema: the provider and the client's place change, nothing else", () => {
		const pg: string = postgresSchema(source)
		expect(pg).toContain('provider = "postgresql"')
		expect(pg).toContain('output     = "../../node_modules/.prisma/client-pg"')
		const models = (text: string) => text.slice(text.indexOf('\nmodel '))
		expect(models(pg)).toBe(models(source))
	})

	it('has migrations for every schema change: prisma/migrated.prisma is the schema the migrations make', () => {
		// Edited prisma/schema.prisma? Run `npm run db:migration -- <name>`: it writes both engines' migrations.
		expect(fs.readFileSync('prisma/migrated.prisma', 'utf8')).toBe(source)
	})
})
