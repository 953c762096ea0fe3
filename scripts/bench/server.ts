// The server under test: started from the build on the bench database, with HTTP helpers that
// time requests, and readings of its memory and event-loop delay.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'

export type Timed = { status: number; ms: number; bytes: number; body: string }

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 })

/**
 * GET (or POST) `url` and read the whole answer. `fresh` opens a new connection: with several
 * server processes, a kept-alive connection always reaches the same one.
 */
export function timed(url: string, opts: { fresh?: boolean; timeoutMs?: number } = {}): Promise<Timed> {
	return attempt(url, opts).catch((error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
		// The server closed an idle kept-alive connection just as we reused it: ask again, as browsers do.
		if (error.reusedSocket && error.code === 'ECONNRESET') return attempt(url, opts)
		throw error
	})
}

function attempt(url: string, opts: { fresh?: boolean; timeoutMs?: number }): Promise<Timed> {
	const start = performance.now()
	return new Promise((resolve, reject) => {
		const req = http.get(url, { agent: opts.fresh ? false : keepAlive, headers: { 'accept-language': 'zh-CN' } }, (res) => {
			const chunks: Buffer[] = []
			res.on('data', (c: Buffer) => chunks.push(c))
			res.on('end', () => {
				const body = Buffer.concat(chunks)
				resolve({ status: res.statusCode ?? 0, ms: performance.now() - start, bytes: body.byteLength, body: body.toString('utf8') })
			})
			res.on('error', reject)
		})
		req.setTimeout(opts.timeoutMs ?? 60_000, () => req.destroy(new Error(`timeout: ${url}`)))
		req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })))
	})
}

/** Like timed(), but a non-2xx answer is an error. */
export async function ok(url: string, opts: { fresh?: boolean; timeoutMs?: number } = {}) {
	const r = await timed(url, opts)
	if (r.status < 200 || r.status >= 300) throw new Error(`${url} → ${r.status}`)
	return r
}

export type Server = { proc: ChildProcess; base: string; spawnedAt: number; stop: () => Promise<void> }

export function startServer(opts: { port: number; env: NodeJS.ProcessEnv }): Server {
	const spawnedAt = performance.now()
	// BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/abs/dir' profiles every server process (workers inherit it).
	const proc = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ') ?? []), 'server.mjs'], {
		env: { ...opts.env, PORT: String(opts.port), HOST: '127.0.0.1', EXPOSE_EVENT_LOOP_DELAY: '1' },
		stdio: ['ignore', 'ignore', 'inherit'],
	})
	const stop = async () => {
		if (proc.exitCode !== null) return
		const exited = new Promise((resolve) => proc.once('exit', resolve))
		proc.kill('SIGTERM')
		await Promise.race([exited, sleep(10_000)])
		if (proc.exitCode === null) proc.kill('SIGKILL')
	}
	return { proc, base: `http://127.0.0.1:${opts.port}`, spawnedAt, stop }
}

/** Milliseconds from spawn until /healthz answers 200 (polled every 20 ms). */
export async function waitHealthy(server: Server, timeoutMs = 120_000) {
	while (performance.now() - server.spawnedAt < timeoutMs) {
		if (server.proc.exitCode !== null) throw new Error(`the server exited with ${server.proc.exitCode}`)
		const r = await timed(`${server.base}/healthz`, { fresh: true, timeoutMs: 5000 }).catch(() => null)
		if (r?.status === 200) return performance.now() - server.spawnedAt
		await sleep(20)
	}
	throw new Error('the server did not answer /healthz')
}

function children(pid: number): number[] {
	try {
		return fs
			.readdirSync(`/proc/${pid}/task`)
			.flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/))
			.filter(Boolean)
			.map(Number)
	} catch {
		return []
	}
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM') {
	const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))
	return m ? Number(m[1]) : 0
}

/** Resident memory of the server and every process under it (cluster workers), now and at peak. */
export function memory(pid: number) {
	const pids = [pid]
	for (let i = 0; i < pids.length; i++) pids.push(...children(pids[i]))
	const processes = pids.map((p) => ({ pid: p, rssMB: Math.round(statusKb(p, 'VmRSS') / 1024), peakMB: Math.round(statusKb(p, 'VmHWM') / 1024) }))
	return {
		rssMB: processes.reduce((s, p) => s + p.rssMB, 0),
		peakMB: processes.reduce((s, p) => s + p.peakMB, 0),
		processes,
	}
}

export type LoopDelay = { pid: number; samples: number; p50Ms: number; p99Ms: number; maxMs: number }

/**
 * Reads and restarts every server process's event-loop delay (/healthz?reset=1 on new connections,
 * which the cluster spreads over its processes). Returns the worst over the processes reached.
 */
export async function eventLoop(base: string, probes = 8) {
	const byPid = new Map<number, LoopDelay>()
	for (let i = 0; i < probes; i++) {
		const r = await timed(`${base}/healthz?reset=1`, { fresh: true, timeoutMs: 30_000 }).catch(() => null)
		// A probe that timed out still resets that process's histogram when it is finally answered,
		// so later readings would understate the delay: report it as unknown instead.
		if (r?.status !== 200) return null
		const loop = (JSON.parse(r.body) as { eventLoop?: LoopDelay }).eventLoop
		if (!loop) return null
		const seen = byPid.get(loop.pid)
		// A second reading of one process covers only the time since the first: keep the first.
		if (!seen) byPid.set(loop.pid, loop)
	}
	const all = [...byPid.values()]
	if (all.length === 0) return null
	return { processes: all.length, p99Ms: Math.max(...all.map((l) => l.p99Ms)), maxMs: Math.max(...all.map((l) => l.maxMs)) }
}
