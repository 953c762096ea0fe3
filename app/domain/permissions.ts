// Who may do what: the one table of roles and permissions. Pure, so the UI can hide what the
// server forbids; the server enforces it through requirePermission (permissions.server.ts).

export const ROLES = ['BUYER', 'VILLAGE', 'REVIEWER', 'ADMIN'] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = {
	'listing:manage:own-village': ['VILLAGE'],
	'review:listing:town': ['REVIEWER'],
	'review:deal:town': ['REVIEWER'],
	'certify:deal': ['ADMIN'],
	'admin:places': ['ADMIN'],
	'admin:users': ['ADMIN'],
	'admin:listings': ['ADMIN'],
	'admin:audit': ['ADMIN'],
	'inquiry:create:own': ['BUYER'],
	'bid:place': ['BUYER'],
	'admin:deposits': ['ADMIN'],
	/** 确权 parcel layers and Excel ledgers (023). */
	'admin:imports': ['ADMIN'],
	/** The contract templates (合同示范文本, issue 12): edited by administrators, with versions. */
	'admin:contract-templates': ['ADMIN'],
	/** The LZHT contract-record export for upward reporting: personal data, administrators only. */
	'ledger:export:reporting': ['ADMIN'],
	/** A village records a deal agreed outside the platform, for 备案. */
	'filing:create:own-village': ['VILLAGE'],
	/** The town files (备案) such a deal. */
	'filing:review:town': ['REVIEWER'],
	/** The village records rent received on its own certified leases (issue 12). */
	'rent:record:own-village': ['VILLAGE'],
	/** The early-warning page (风险预警): a reviewer sees their town… */
	'warnings:town': ['REVIEWER'],
	/** …an administrator every town. */
	'warnings:all': ['ADMIN'],
	/** The register of filed contracts (流转合同台账), with the parties' names: a reviewer their town's… */
	'register:town': ['REVIEWER'],
	/** …an administrator every town's. */
	'register:all': ['ADMIN'],
	/** Saved searches with alerts (issue 13): whoever may inquire. */
	'search:save:own': ['BUYER'],
	'notification:read:own': ['BUYER', 'VILLAGE', 'REVIEWER', 'ADMIN'],
	/** A buyer stars listings and reads their own favourites (issue 13). */
	'favourite:manage:own': ['BUYER'],
	/** A buyer posts what they look for (求租 / 求购, issue 13), their own posts only. */
	'wanted:post:own': ['BUYER'],
	/** The reviewers of a wanted post's first town review it, as they review listings. */
	'wanted:review:town': ['REVIEWER'],
	/** A village reads the published wanted posts naming its town, with the buyer's contact. */
	'wanted:contact:own-town': ['VILLAGE'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export type Actor = { id: string; role: string; townId: string | null; villageId: string | null }

export function hasPermission(user: Pick<Actor, 'role'> | null | undefined, permission: Permission) {
	if (!user) return false
	return (PERMISSIONS[permission] as readonly string[]).includes(user.role)
}

/** The roles a permission is granted to: whom to notify, as a query's `role: { in: … }`. */
export function rolesWith(permission: Permission): Role[] {
	return [...PERMISSIONS[permission]]
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** Where each role lands after logging in. */
export function homeFor(role: string) {
	switch (role) {
		case 'VILLAGE':
			return '/village'
		case 'REVIEWER':
			return '/review'
		case 'ADMIN':
			return '/admin'
		default:
			return '/'
	}
}
