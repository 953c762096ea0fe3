import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'

async function freshModule(flag: string | undefined) {
	vi.resetModules()
	;(globalThis as unknown as { __singletons?: Map<string, unknown> }).__singletons?.delete('event-loop-delay')
	if (flag === undefined) delete process.env.EXPOSE_EVENT_LOOP_DELAY
	else process.env.EXPOSE_EVENT_LOOP_DELAY = flag
	return import('./event-loop.server.ts')
}

afterEach(() => {
	delete process.env.EXPOSE_EVENT_LOOP_DELAY
})

describe('eventLoopDelay', () => {
	it('is off unless EXPOSE_EVENT_LOOP_DELAY is set', async () => {
		const { eventLoopDelay } = await freshModule(undefined)
		expect(eventLoopDelay(false)).toBeNull()
	})

	it('reports a loop held by synchronous work, and starts over after a reset', async () => {
		const { eventLoopDelay } = await freshModule('1')
		await sleep(30)
		const until = performance.now() + 120
		while (performance.now() < until) {
			// holds the event loop, as a synchronous database call would
		}
		await sleep(30)
		const held = eventLoopDelay(true)
		expect(held?.pid).toBe(process.pid)
		expect(held?.maxMs).toBeGreaterThanOrEqual(100)
		await sleep(50)
		expect(eventLoopDelay(false)?.maxMs).toBeLessThan(100)
	})
})
