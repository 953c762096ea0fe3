// A throwaway PostgreSQL cluster for tests and benchmarks (decision 021): initdb in a directory,
// started on a local port, stopped and removed afterwards. Debian's postgresql package provides
// the binaries; PostgreSQL refuses to run as root, so as root the cluster runs as `postgres`.
// Usage: node scripts/pg/cluster.mjs start [dir] [port]   → prints the URL
//        node scripts/pg/cluster.mjs stop [dir]
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const NO_POSTGRES_MESSAGE =
	'PostgreSQL 15 is not installed: apt-get install postgresql-15 (Debian), or set PG_BIN to the directory holding initdb and pg_ctl.'

/** The directory holding initdb and pg_ctl: PG_BIN, or the newest under /usr/lib/postgresql. */
export function postgresBin() {
	if (process.env.PG_BIN) return process.env.PG_BIN
	const root = '/usr/lib/postgresql'
	const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : []
	if (versions.length === 0) return null
	return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin')
}

/**
 * A PostgreSQL client program (psql, pg_dump, pg_restore): beside the server's binaries when there,
 * else from PATH. Debian's /usr/bin/psql is pg_wrapper, a Perl script that picks a version and then
 * runs that binary: starting Perl cost 75–90 ms a call on a loaded machine (decision 047).
 */
export function postgresTool(name) {
	const bin = postgresBin()
	return bin && fs.existsSync(path.join(bin, name)) ? path.join(bin, name) : name
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
function run(bin, args) {
	if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' })
	else execFileSync(bin, args, { stdio: 'pipe' })
}

/**
 * Creates and starts a cluster in `dir` on `port`; resolves to its URL (user `app`, trust auth,
 * only on 127.0.0.1). Tuned for throwaway data: no fsync, so a crash of the machine loses it.
 */
export function startCluster({ dir, port }) {
	const bin = postgresBin()
	if (!bin) throw new Error(NO_POSTGRES_MESSAGE)
	dir = path.resolve(dir)
	stopCluster({ dir })
	fs.rmSync(dir, { recursive: true, force: true })
	fs.mkdirSync(dir, { recursive: true })
	if (asRoot) execFileSync('chown', ['postgres', dir])
	run(path.join(bin, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'app', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'])
	return resumeCluster({ dir, port })
}

/** Starts a stopped cluster again, its data kept (the outage test's "PostgreSQL comes back"). */
export function resumeCluster({ dir, port }) {
	const bin = postgresBin()
	if (!bin) throw new Error(NO_POSTGRES_MESSAGE)
	dir = path.resolve(dir)
	const data = path.join(dir, 'data')
	const options = [
		`-p ${port}`,
		`-k ${dir}`,
		'-c listen_addresses=127.0.0.1',
		'-c max_connections=300',
		'-c fsync=off',
		'-c synchronous_commit=off',
		'-c full_page_writes=off',
	].join(' ')
	run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start'])
	return `postgresql://app@127.0.0.1:${port}/postgres`
}

/** Stops the cluster; `immediate` is a crash (no shutdown checkpoint), as a killed server. */
export function stopCluster({ dir, mode = 'fast' }) {
	const bin = postgresBin()
	const data = path.join(path.resolve(dir), 'data')
	if (!bin || !fs.existsSync(path.join(data, 'postmaster.pid'))) return
	try {
		run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop'])
	} catch {
		// Already stopped.
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [command, dir = 'tmp/pg', port = '55432'] = process.argv.slice(2)
	if (command === 'start') console.log(startCluster({ dir, port: Number(port) }))
	else if (command === 'stop') stopCluster({ dir })
	else {
		console.error('usage: node scripts/pg/cluster.mjs start|stop [dir] [port]')
		process.exit(2)
	}
}
