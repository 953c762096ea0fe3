// A steady writer for backup tests, in its own process like a busy server: each write puts a file
// under UPLOAD_DIR, then commits a user with its audit entry, then prints "ack <n>" — acknowledged.
import fs from 'node:fs'
import path from 'node:path'
import { appendAudit } from '~/models/audit.server.ts'
import { prisma } from '~/utils/db.server.ts'

const uploads = process.env.UPLOAD_DIR!
fs.mkdirSync(uploads, { recursive: true })
let stop = false
process.on('SIGTERM', () => (stop = true))

for (let n = 1; !stop; n++) {
	fs.writeFileSync(path.join(uploads, `w-${n}.jpg`), `file ${n}`)
	await prisma.$transaction(async (tx) => {
		const user = await tx.user.create({ data: { name: `writer-${n}`, role: 'BUYER' }, select: { id: true } })
		await appendAudit(tx, { actorId: null, entityType: 'USER', entityId: user.id, action: 'signup', fromState: null, toState: 'ACTIVE' })
	})
	process.stdout.write(`ack ${n}\n`)
	await new Promise((resolve) => setTimeout(resolve, 2))
}
await prisma.$disconnect()
