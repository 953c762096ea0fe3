// Prints of a deal's certificate (issue 12): each print through the certificate page is numbered
// and kept with who printed it; the first is the original, every later one is a re-print (补打),
// marked on the page with its number. Only the deal's parties may print (getCertificate decides).
import { appendAudit } from './audit.server.ts'
import { getCertificate } from './deal.server.ts'
import { prisma } from '~/utils/db.server.ts'

type Viewer = Parameters<typeof getCertificate>[0]

/** Logs a print of the certificate `no` by `viewer`; its copy number (1: the original), or null when not theirs. */
export async function recordCertificatePrint(viewer: Viewer, no: unknown): Promise<number | null> {
	const certificate = await getCertificate(viewer, no)
	if (!certificate) return null
	return prisma.$transaction(async (tx) => {
		const last = await tx.certificatePrint.findFirst({ where: { dealId: certificate.id }, orderBy: { copy: 'desc' }, select: { copy: true } })
		const copy = (last?.copy ?? 0) + 1
		await tx.certificatePrint.create({ data: { dealId: certificate.id, copy, userId: viewer.id } })
		await appendAudit(tx, { actorId: viewer.id, entityType: 'DEAL', entityId: certificate.id, action: 'certificate-print', params: { copy } })
		return copy
	})
}

/** How many times the deal's certificate has been printed. */
export function certificatePrintCount(dealId: string) {
	return prisma.certificatePrint.count({ where: { dealId } })
}
