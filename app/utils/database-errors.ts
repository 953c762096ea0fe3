// What a database error means, whichever engine raised it (decision 021): a refused duplicate, a
// transaction to run again, or a database that is down for now. Plain checks on the error's name
// and code, so this module needs no Prisma import and any server module may use it.

/**
 * The Prisma error code (P2002 …) of an error from either engine's client. Not `instanceof`:
 * each generated client has its own error classes, and SQLite's do not match PostgreSQL's errors.
 */
export function prismaErrorCode(error: unknown): string | null {
	if (!(error instanceof Error) || error.name !== 'PrismaClientKnownRequestError') return null
	const code = (error as { code?: unknown }).code
	return typeof code === 'string' ? code : null
}

/** A unique constraint refused the write (P2002): someone else got there first. */
export const isUniqueViolation = (error: unknown) => prismaErrorCode(error) === 'P2002'

/** PostgreSQL aborted the transaction (40001 serialization failure, 40P01 deadlock): running it again is safe. */
export function isSerializationFailure(error: unknown) {
	if (prismaErrorCode(error) === 'P2034') return true
	const text = error instanceof Error ? error.message : ''
	// The PostgreSQL adapter may raise its own error (kind TransactionWriteConflict) rather than Prisma's P2034.
	return /\b40001\b|\b40P01\b|could not serialize access|deadlock detected|TransactionWriteConflict/.test(text)
}

/** Prisma's codes for a database that cannot be reached, closed the connection, or timed out. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024'])
const UNAVAILABLE_TEXT = /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|\b57P0[1-3]\b|the database system is (starting up|shutting down)|database is locked|SQLITE_BUSY/

/**
 * The database is down or overloaded for now, rather than the request being wrong: the answer is
 * a 503 asking to try again (entry.server.tsx), and the next request reconnects by itself.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	const code = prismaErrorCode(error)
	if (code) return UNAVAILABLE_CODES.has(code)
	if (error instanceof Error && error.name === 'PrismaClientInitializationError') return true
	return error instanceof Error && UNAVAILABLE_TEXT.test(error.message)
}
