import { json } from '@remix-run/node'
import { prisma } from '~/utils/db.server.ts'

export async function loader() {
	try {
		await prisma.$queryRawUnsafe('SELECT 1')
		return json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } })
	} catch (error) {
		console.error('healthz: database did not answer', error)
		return json({ ok: false }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
	}
}
