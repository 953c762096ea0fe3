// The application's clock. Production reads the system time; end-to-end tests move it forward
// (past a notice period, past a bidding deadline) through /test-hooks/clock, which exists only when
// the server starts with E2E_TEST_HOOKS=1.
import { env } from './env.server.ts'
import { singleton } from './singleton.server.ts'

const state = singleton('clock', () => ({ offsetMs: 0 }))

export function now() {
	return new Date(Date.now() + state.offsetMs)
}

export function testHooksEnabled() {
	return env().E2E_TEST_HOOKS
}

export function setClockOffset(ms: number) {
	if (!testHooksEnabled()) throw new Error('test hooks are disabled')
	state.offsetMs = ms
}

export function clockOffset() {
	return state.offsetMs
}
