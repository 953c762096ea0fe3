// A second (third, …) process on the test's database, with its own Prisma client and
// connection, as a second server would have. tests/helpers/racers.ts drives it over IPC.
import path from 'node:path'
import url from 'node:url'

type Call = { id: number; module: string; fn: string; args: unknown[]; startAt: number }
type Module = Record<string, (...args: unknown[]) => Promise<unknown>>

const send = (message: unknown) => process.send?.(message)

process.on('message', (call: Call) => {
	void (async () => {
		try {
			const mod = (await import(url.pathToFileURL(path.resolve('app', call.module)).href)) as Module
			if (!call.fn) {
				// Warm-up: the module is loaded; open the connection too.
				const { prisma } = await import('~/utils/db.server.ts')
				await prisma.$queryRaw`SELECT 1`
				return send({ id: call.id, result: null })
			}
			// Every racer starts at the same wall-clock moment, not when its message arrived.
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, call.startAt - Date.now())))
			send({ id: call.id, result: await mod[call.fn](...call.args) })
		} catch (error) {
			send({ id: call.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })
		}
	})()
})
process.on('disconnect', () => process.exit(0))
send({ ready: true })
