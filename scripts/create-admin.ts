// npm run admin:create -- --name 张三 --email a@b.c [--phone 13800000000]
// Creates an administrator (产权服务中心管理员) account in the database DATABASE_URL points at.
// The password comes from the environment variable ADMIN_PASSWORD or, on a terminal, is typed
// twice without echo. There is never a default; fewer than 12 characters is refused, and so is a
// common, patterned or personal password (the same rule as everywhere, app/utils/password-strength.server.ts).
// The creation is written to the audit log (no actor: the command line).
import { parseArgs } from 'node:util'
import { createAccount, MIN_ADMIN_CLI_PASSWORD_LENGTH } from '../app/models/admin.server.ts'
import en from '../app/locales/en/common.ts'
import zh from '../app/locales/zh/common.ts'
import { prisma } from '../app/utils/db.server.ts'
import { passwordErrorCode } from '../app/utils/password-strength.server.ts'

const USAGE = 'Usage: npm run admin:create -- --name <name> --email <email> [--phone <mobile>]\n  password: ADMIN_PASSWORD env var, or typed at the prompt'

function fail(message: string): never {
	console.error(message)
	process.exit(2)
}

/** Reads one line from the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const stdin = process.stdin
		process.stdout.write(prompt)
		stdin.setRawMode(true)
		stdin.resume()
		stdin.setEncoding('utf8')
		let value = ''
		const done = (error?: Error) => {
			stdin.setRawMode(false)
			stdin.pause()
			stdin.off('data', onData)
			process.stdout.write('\n')
			if (error) reject(error)
			else resolve(value)
		}
		const onData = (chunk: string) => {
			for (const ch of chunk) {
				if (ch === '\r' || ch === '\n') return done()
				if (ch === '\u0003') return done(new Error('Cancelled'))
				if (ch === '\u0004') return done(value ? undefined : new Error('Cancelled'))
				if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
				else if (ch >= ' ') value += ch
			}
		}
		stdin.on('data', onData)
	})
}

async function readPassword() {
	const fromEnv = process.env.ADMIN_PASSWORD
	if (fromEnv !== undefined && fromEnv !== '') return fromEnv
	if (!process.stdin.isTTY) fail(`No password: set ADMIN_PASSWORD or run this on a terminal to type it.\n${USAGE}`)
	const first = await readHidden(`Password (at least ${MIN_ADMIN_CLI_PASSWORD_LENGTH} characters): `)
	if (first.length < MIN_ADMIN_CLI_PASSWORD_LENGTH) fail(`Refused: the password must have at least ${MIN_ADMIN_CLI_PASSWORD_LENGTH} characters.`)
	const second = await readHidden('Password again: ')
	if (first !== second) fail('Refused: the two passwords differ.')
	return first
}

async function main() {
	let values: { name?: string; email?: string; phone?: string; help?: boolean }
	try {
		;({ values } = parseArgs({
			options: { name: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
			strict: true,
		}))
	} catch (error) {
		fail(`${(error as Error).message}\n${USAGE}`)
	}
	if (values.help) {
		console.log(USAGE)
		return
	}
	const name = values.name?.trim() ?? ''
	const email = values.email?.trim() ?? ''
	if (name.length < 2 || name.length > 60) fail(`--name is required (2 to 60 characters).\n${USAGE}`)
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 100) fail(`--email is required and must be an email address.\n${USAGE}`)
	const phone = values.phone?.trim() || null
	if (phone && !/^1[3-9]\d{9}$/.test(phone.replace(/[\s-]/g, '').replace(/^\+?86/, ''))) fail('--phone must be an 11-digit mainland mobile number.')

	const password = await readPassword()
	if (password.length < MIN_ADMIN_CLI_PASSWORD_LENGTH) fail(`Refused: the password must have at least ${MIN_ADMIN_CLI_PASSWORD_LENGTH} characters.`)

	const result = await createAccount(null, { name, email, phone, role: 'ADMIN', password }, { action: 'create-admin-cli', minPasswordLength: MIN_ADMIN_CLI_PASSWORD_LENGTH })
	if (!result.ok && result.field === 'password') {
		const code = passwordErrorCode(result.reason)
		fail(`Refused: ${en.forms.errors[code]}.\n拒绝：${zh.forms.errors[code]}。`)
	}
	if (!result.ok) {
		const why = result.problem === 'taken' ? `an account with that ${result.field} already exists` : `${result.field}: ${result.problem}`
		fail(`Refused: ${why}.`)
	}
	console.log(`Created administrator ${name} <${email.toLowerCase()}>${phone ? ` (${phone})` : ''}. Log in at /login.`)
}

try {
	await main()
} finally {
	await prisma.$disconnect()
}
