// This process's event-loop delay, for `npm run bench` (EXPOSE_EVENT_LOOP_DELAY=1): how long a
// ready callback waited because something else held the loop. Off unless asked for, so production
// pays nothing for it.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import { env } from './env.server.ts'
import { singleton } from './singleton.server.ts'

const histogram = singleton<IntervalHistogram | null>('event-loop-delay', () => {
	if (!env().EXPOSE_EVENT_LOOP_DELAY) return null
	// 10 ms sampling: fine enough for a 50 ms budget, cheap enough to leave on through a bench.
	const h = monitorEventLoopDelay({ resolution: 10 })
	h.enable()
	return h
})

const ms = (ns: number) => Math.round(ns / 1e4) / 100

/** Delay percentiles (ms) since start or the last reset, with this process's id; null when off. */
export function eventLoopDelay(reset: boolean) {
	if (!histogram) return null
	const report = {
		pid: process.pid,
		samples: histogram.count,
		p50Ms: ms(histogram.percentile(50)),
		p99Ms: ms(histogram.percentile(99)),
		maxMs: ms(histogram.max),
	}
	if (reset) histogram.reset()
	return report
}
