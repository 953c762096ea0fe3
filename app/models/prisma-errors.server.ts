// Prisma's error codes, whichever engine's client threw the error. PostgreSQL's client is generated
// with a runtime of its own (node_modules/.prisma/client-pg, decision 021), so its errors are not
// instances of @prisma/client's classes: `instanceof Prisma.PrismaClientKnownRequestError` is false
// for every PostgreSQL error. The name and the code are the same on both.

/** Prisma's code of a known request error (P2002, P2034, …), or undefined for anything else. */
export function prismaErrorCode(error: unknown) {
	if (!(error instanceof Error) || error.name !== 'PrismaClientKnownRequestError') return undefined
	const { code } = error as Error & { code?: unknown }
	return typeof code === 'string' ? code : undefined
}

/** A unique index refused the write (P2002). */
export function isUniqueViolation(error: unknown) {
	return prismaErrorCode(error) === 'P2002'
}
