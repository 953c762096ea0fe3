import { hasPermission, type Permission } from '~/domain/permissions.ts'
import { requireUser, type SessionUser } from './auth.server.ts'
import { invariantResponse } from './invariant.ts'

/**
 * The gate of every protected loader and action: the logged-in user if their role grants the
 * permission; the anonymous go to /login, everyone else gets a 403.
 * Scoping to the user's own village or town happens in the model queries' `where`.
 */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
	const user = await requireUser(request)
	invariantResponse(hasPermission(user, permission), `Forbidden: ${permission}`, { status: 403 })
	return user
}
