import path from 'node:path'
import { z } from 'zod'
import { CERTIFICATE_PREFIX_PATTERN } from '~/domain/deal.ts'

const schema = z.object({
	NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
	DATABASE_URL: z.string().default('file:./prisma/data.db'),
	UPLOAD_DIR: z.string().default('data/uploads'),
	MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
	MAP_TILE_ATTRIBUTION: z
		.string()
		.default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
	MAP_TILE_SUBDOMAINS: z.string().default('abc'),
	MAP_TILE_MAX_ZOOM: z.coerce.number().int().min(1).max(22).default(18),
	MAP_APPROVAL_NUMBER: z.string().optional(),
	/** The service centre running this deployment (any county); defaults to the demo's centre. */
	CENTRE_NAME: z.string().max(100).optional(),
	CENTRE_NAME_EN: z.string().max(200).optional(),
	/** Prefix of certificate numbers (交易鉴证书), e.g. the county's code. */
	CERTIFICATE_PREFIX: z.string().regex(CERTIFICATE_PREFIX_PATTERN).default('DLT'),
})

export type Env = z.infer<typeof schema>

let cached: Env | undefined
/** Validated once; a bad value stops the server at boot with the variable's name. */
export function env(): Env {
	if (cached) return cached
	const parsed = schema.safeParse(process.env)
	if (!parsed.success) {
		throw new Error(`Invalid environment: ${JSON.stringify(parsed.error.flatten().fieldErrors)}`)
	}
	cached = parsed.data
	return cached
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
