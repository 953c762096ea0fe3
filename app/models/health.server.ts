import { prisma } from '~/utils/db.server.ts'

/** Throws when the database does not answer (GET /healthz). */
export async function pingDatabase() {
	await prisma.$queryRawUnsafe('SELECT 1')
}
