// npm run audit:verify — recomputes the audit log's hash chain in the database DATABASE_URL points
// at. Prints "OK: N entries" and exits 0, or names the first broken entry and exits 1. Entries
// committed and not yet chained (decision 038: a process stopped between the two, or a backup taken
// in between) are counted beside it; the next start or sweep chains them.
import { pendingAuditCount, verifyAuditChain } from '../app/models/audit.server.ts'
import { prisma } from '../app/utils/db.server.ts'

try {
	const report = await verifyAuditChain()
	if (report.ok) {
		const pending = await pendingAuditCount()
		console.log(`OK: ${report.count} entries${pending ? ` (and ${pending} committed, waiting to join the chain)` : ''}`)
	} else {
		console.log(`BROKEN at entry #${report.firstBrokenSeq}: ${report.problem}`)
		process.exitCode = 1
	}
} catch (error) {
	console.error(`Could not verify the audit log: ${(error as Error).message}`)
	process.exitCode = 2
} finally {
	await prisma.$disconnect()
}
