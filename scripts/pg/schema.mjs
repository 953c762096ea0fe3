// One schema source (prisma/schema.prisma, SQLite) produces PostgreSQL's as well (decision 021):
// the same models, with the datasource's provider changed and the client generated beside the
// SQLite one (node_modules/.prisma/client-pg). Nothing else differs: the schema uses no
// engine-specific attributes, and what the engines do differently lives in their migrations.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const SOURCE_SCHEMA = path.join(root, 'prisma/schema.prisma')
export const PG_SCHEMA = path.join(root, 'prisma/postgresql/schema.prisma')

export function postgresSchema(source = fs.readFileSync(SOURCE_SCHEMA, 'utf8')) {
	const out = source
		.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
		.replace(/(generator client \{[^}]*?)(\n\})/, '$1\n  output     = "../../node_modules/.prisma/client-pg"$2')
	if (!out.includes('provider = "postgresql"') || !out.includes('client-pg')) throw new Error('prisma/schema.prisma: no sqlite datasource or client generator to derive from')
	return `// Generated from prisma/schema.prisma by scripts/pg/schema.mjs: edit that file, not this one.\n${out}`
}

export function writePostgresSchema() {
	fs.mkdirSync(path.dirname(PG_SCHEMA), { recursive: true })
	const text = postgresSchema()
	if (!fs.existsSync(PG_SCHEMA) || fs.readFileSync(PG_SCHEMA, 'utf8') !== text) fs.writeFileSync(PG_SCHEMA, text)
	return PG_SCHEMA
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(path.relative(process.cwd(), writePostgresSchema()))
