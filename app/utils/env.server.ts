import path from 'node:path'
import { z } from 'zod'
import { CERTIFICATE_PREFIX_PATTERN } from '~/domain/deal.ts'

/** An on/off switch: true/false, 1/0 or yes/no (any case). */
const flag = (fallback: boolean) =>
	z
		.enum(['true', 'false', '1', '0', 'yes', 'no', 'TRUE', 'FALSE', 'YES', 'NO'], {
			errorMap: () => ({ message: 'must be true or false' }),
		})
		.optional()
		.transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v.toLowerCase())))
const int = (fallback: number, min: number, max: number) =>
	z.coerce
		.number({ invalid_type_error: `must be a whole number from ${min} to ${max}` })
		.int(`must be a whole number from ${min} to ${max}`)
		.min(min, `must be a whole number from ${min} to ${max}`)
		.max(max, `must be a whole number from ${min} to ${max}`)
		.default(fallback)

// Every variable the server reads, validated once at boot (server.mjs calls checkEnv through the
// build): a bad value stops the start with a message naming the variable, instead of failing
// silently later (LOGIN_MAX_FAILURES_PER_IP=abc once made every login answer 429).
const schema = z.object({
	NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
	PORT: int(3000, 1, 65535),
	HOST: z.string().min(1).default('0.0.0.0'),
	/** Express's trust-proxy setting: true, a hop count, or addresses/subnets (comma-separated). */
	TRUST_PROXY: z
		.string()
		.regex(/^(true|false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'must be true, a hop count, or addresses/subnets')
		.optional(),
	LOG_REQUESTS: flag(false),
	DATABASE_URL: z.string().default('file:./prisma/data.db'),
	UPLOAD_DIR: z.string().min(1).default('data/uploads'),
	SEED_DEMO: flag(true),
	/** Comma-separated; the first signs, the others still verify (rotation). */
	SESSION_SECRET: z
		.string()
		.optional()
		.refine((v) => !v || v.split(',').every((s) => s.trim().length >= 32), 'each secret must be at least 32 characters'),
	SECRET_FILE: z.string().min(1).default('data/session-secret'),
	DEMO_MODE: flag(true),
	E2E_TEST_HOOKS: flag(false),
	/**
	 * Server processes `npm start` runs (Node's cluster module). Unset: one per core, at most
	 * MAX_DEFAULT_PROCESSES; always one in development and with E2E_TEST_HOOKS (webConcurrency()).
	 */
	WEB_CONCURRENCY: z.coerce
		.number({ invalid_type_error: 'must be a whole number from 1 to 64' })
		.int('must be a whole number from 1 to 64')
		.min(1, 'must be a whole number from 1 to 64')
		.max(64, 'must be a whole number from 1 to 64')
		.optional(),
	/** Whether this process runs the once-a-minute sweep; server.mjs turns it off in all but one process. */
	RUN_SWEEPER: flag(true),
	/** Adds this process's event-loop delay to /healthz, for `npm run bench` (off in production). */
	EXPOSE_EVENT_LOOP_DELAY: flag(false),
	MAP_TILE_URL: z
		.string()
		.regex(/^https?:\/\/[^\s/]+\/\S*$/, 'must be an http(s) URL template')
		.default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
	MAP_TILE_ATTRIBUTION: z
		.string()
		.default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
	MAP_TILE_SUBDOMAINS: z.string().regex(/^[a-z0-9]*$/i, 'must be letters or digits, one per subdomain').default('abc'),
	MAP_TILE_MAX_ZOOM: int(18, 1, 22),
	MAP_APPROVAL_NUMBER: z.string().optional(),
	/**
	 * The site's public origin (https://example.org), for share links, QR codes and Open Graph
	 * tags. Unset: the origin the request came to.
	 */
	PUBLIC_URL: z
		.string()
		.regex(/^https?:\/\/[^\s/?#]+$/, 'must be an origin: http(s)://host[:port], no path')
		.optional(),
	/** The service centre running this deployment (any county); defaults to the demo's centre. */
	CENTRE_NAME: z.string().max(100).optional(),
	CENTRE_NAME_EN: z.string().max(200).optional(),
	/** Prefix of certificate numbers (交易鉴证书), e.g. the county's code. */
	CERTIFICATE_PREFIX: z.string().regex(CERTIFICATE_PREFIX_PATTERN, 'must be 2–10 capital letters or digits').default('DLT'),
	/**
	 * A font with Chinese glyphs for generated contracts (PDF): a .ttf/.otf/.ttc path, and for a
	 * collection the font's PostScript name after a '#'. Unset: Noto Serif or Sans CJK from
	 * Debian's fonts-noto-cjk, else WenQuanYi.
	 */
	CONTRACT_FONT: z.string().max(500).optional(),
	/**
	 * Notifications by e-mail and SMS (decision 032): `log` writes each message to NOTIFY_LOG_FILE
	 * (development, tests, a pilot), `smtp` sends through SMTP_URL, `aliyun` through Alibaba Cloud
	 * SMS, `off` sends nothing.
	 */
	NOTIFY_EMAIL: z.enum(['log', 'smtp', 'off']).default('log'),
	NOTIFY_SMS: z.enum(['log', 'aliyun', 'off']).default('log'),
	NOTIFY_LOG_FILE: z.string().max(500).default('data/notifications.log'),
	/** smtp(s)://user:password@host:port, as nodemailer reads it. */
	SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, 'must be smtp:// or smtps://').optional(),
	MAIL_FROM: z.string().max(200).optional(),
	ALIYUN_SMS_ACCESS_KEY_ID: z.string().max(100).optional(),
	ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().max(200).optional(),
	/** The approved SMS signature (签名) and a template (模板) with the variables ${title} and ${link}. */
	ALIYUN_SMS_SIGN_NAME: z.string().max(50).optional(),
	ALIYUN_SMS_TEMPLATE_CODE: z.string().max(50).optional(),
	NOTICE_DAYS: int(7, 1, 60),
	BID_EXTEND_MINUTES: int(5, 0, 60),
	BID_MIN_BIDDERS: int(2, 1, 20),
	/** Working days a bidding round's winner has to sign and pay (issue 12). */
	WINNER_PAYMENT_WORKING_DAYS: int(3, 1, 60),
	/** Working days within which losers' deposits are to be refunded. */
	DEPOSIT_REFUND_WORKING_DAYS: int(7, 1, 60),
	/** Days before a rent payment falls due that the village is reminded. */
	RENT_REMINDER_DAYS: int(30, 0, 365),
	/** Login throttling (decision 012): wrong passwords of one account from one address before waits grow. */
	LOGIN_FREE_FAILURES: int(5, 1, 100),
	/** Wrong passwords from one address (any accounts) per hour before logins new to it are slowed. */
	LOGIN_MAX_FAILURES_PER_IP: int(50, 1, 100_000),
	/** Distinct addresses failing on one account per hour before addresses new to it are slowed. */
	LOGIN_MAX_ADDRESSES_PER_ACCOUNT: int(10, 1, 10_000),
	/** The longest wait between tries on one account. */
	LOGIN_MAX_DELAY_SECONDS: int(900, 1, 86_400),
	/** Accepted sign-up forms per address per hour. */
	SIGNUP_MAX_PER_IP_PER_HOUR: int(5, 1, 10_000),
})

export type Env = z.infer<typeof schema>

let cached: Env | undefined
/** Validated once; a bad value stops the server at boot with the variable's name. */
export function env(): Env {
	if (cached) return cached
	cached = parseEnv(process.env)
	return cached
}

export class EnvError extends Error {
	override name = 'EnvError'
}

/** Parses an environment; throws an EnvError naming every bad variable and why. */
export function parseEnv(source: Record<string, string | undefined>): Env {
	// An empty value means "not set", as in most deployment tools' env files.
	const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''))
	const parsed = schema.safeParse(present)
	if (parsed.success) return parsed.data
	const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(present[String(i.path[0])] ?? '')}: ${i.message}`)
	throw new EnvError(`Invalid environment variable${lines.length > 1 ? 's' : ''}:\n${lines.join('\n')}`)
}

/** Without WEB_CONCURRENCY: each process holds its own listing catalogue, so memory sets the cap. */
export const MAX_DEFAULT_PROCESSES = 4

/**
 * From this many published listings, one process unless WEB_CONCURRENCY says otherwise: each
 * process holds its own catalogue (about 450 MB at a million listings, 1.5 GB for two), and the
 * search engine's worker thread already gives map work the second core (decision 019).
 */
export const ONE_PROCESS_FROM_LISTINGS = 300_000

type ProcessEnv = Pick<Env, 'NODE_ENV' | 'E2E_TEST_HOOKS' | 'WEB_CONCURRENCY'>

/** Whether webConcurrency's answer depends on the listing count (server.mjs asks the database only then). */
export function needsListingCount(e: ProcessEnv, cores: number) {
	return webConcurrency(e, cores, 0) !== webConcurrency(e, cores, ONE_PROCESS_FROM_LISTINGS)
}

/**
 * How many server processes to run. One in development (reloads) and under the e2e hooks (the test
 * clock lives in process memory); otherwise WEB_CONCURRENCY; otherwise one per core up to the cap,
 * or one from ONE_PROCESS_FROM_LISTINGS published listings on.
 */
export function webConcurrency(e: ProcessEnv, cores: number, publishedListings = 0) {
	if (e.NODE_ENV === 'development' || e.E2E_TEST_HOOKS) return 1
	if (e.WEB_CONCURRENCY !== undefined) return e.WEB_CONCURRENCY
	if (publishedListings >= ONE_PROCESS_FROM_LISTINGS) return 1
	return Math.max(1, Math.min(cores, MAX_DEFAULT_PROCESSES))
}

export function uploadDir() {
	return path.resolve(env().UPLOAD_DIR)
}

/** What the browser may know: the map's tile configuration. */
export function publicEnv() {
	const e = env()
	return {
		MAP_TILE_URL: e.MAP_TILE_URL,
		MAP_TILE_ATTRIBUTION: e.MAP_TILE_ATTRIBUTION,
		MAP_TILE_SUBDOMAINS: e.MAP_TILE_SUBDOMAINS,
		MAP_TILE_MAX_ZOOM: e.MAP_TILE_MAX_ZOOM,
		MAP_APPROVAL_NUMBER: e.MAP_APPROVAL_NUMBER ?? null,
		CENTRE_NAME: e.CENTRE_NAME ?? null,
		CENTRE_NAME_EN: e.CENTRE_NAME_EN ?? null,
	}
}
export type PublicEnv = ReturnType<typeof publicEnv>
