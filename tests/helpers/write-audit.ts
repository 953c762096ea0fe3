// Writes N users, each with its audit entry, through the app's own code, then exits: a small
// deployment's history for the backup tests to carry across.
import { appendAudit } from '~/models/audit.server.ts'
import { prisma } from '~/utils/db.server.ts'

const count = Number(process.argv[2] ?? 5)
for (let n = 1; n <= count; n++) {
	await prisma.$transaction(async (tx) => {
		const user = await tx.user.create({ data: { name: `history-${n}`, role: 'BUYER' }, select: { id: true } })
		await appendAudit(tx, { actorId: null, entityType: 'USER', entityId: user.id, action: 'signup', fromState: null, toState: 'ACTIVE' })
	})
}
await prisma.$disconnect()
