import { describe, expect, it } from 'vitest'
import { EnvError, MAX_DEFAULT_PROCESSES, needsListingCount, ONE_PROCESS_FROM_LISTINGS, parseEnv, webConcurrency } from './env.server.ts'

describe('parseEnv', () => {
	it('gives every variable its default', () => {
		const e = parseEnv({})
		expect(e).toMatchObject({ PORT: 3000, NOTICE_DAYS: 7, BID_MIN_BIDDERS: 2, LOGIN_MAX_FAILURES_PER_IP: 50, DEMO_MODE: true, SEED_DEMO: true, E2E_TEST_HOOKS: false, CERTIFICATE_PREFIX: 'DLT' })
	})
	it('reads numbers and switches', () => {
		const e = parseEnv({ PORT: '8080', NOTICE_DAYS: '10', DEMO_MODE: 'false', E2E_TEST_HOOKS: '1', CERTIFICATE_PREFIX: '150621', TRUST_PROXY: '1' })
		expect(e).toMatchObject({ PORT: 8080, NOTICE_DAYS: 10, DEMO_MODE: false, E2E_TEST_HOOKS: true, CERTIFICATE_PREFIX: '150621', TRUST_PROXY: '1' })
		expect(parseEnv({ NOTICE_DAYS: '' }).NOTICE_DAYS).toBe(7)
	})
	it('refuses a bad value with a message naming the variable', () => {
		const bad = (source: Record<string, string>) => {
			try {
				parseEnv(source)
			} catch (error) {
				expect(error).toBeInstanceOf(EnvError)
				return (error as Error).message
			}
			throw new Error('accepted')
		}
		expect(bad({ LOGIN_MAX_FAILURES_PER_IP: 'abc' })).toContain('LOGIN_MAX_FAILURES_PER_IP="abc"')
		expect(bad({ PORT: '70000' })).toContain('PORT')
		expect(bad({ NOTICE_DAYS: '2.5' })).toContain('NOTICE_DAYS')
		expect(bad({ DEMO_MODE: 'maybe' })).toContain('DEMO_MODE')
		expect(bad({ SESSION_SECRET: 'short' })).toContain('SESSION_SECRET')
		expect(bad({ MAP_TILE_URL: 'javascript:alert(1)' })).toContain('MAP_TILE_URL')
		expect(bad({ CERTIFICATE_PREFIX: 'dlt-1' })).toContain('CERTIFICATE_PREFIX')
		const both = bad({ BID_MIN_BIDDERS: '0', BID_EXTEND_MINUTES: 'x' })
		expect(both).toContain('BID_MIN_BIDDERS')
		expect(both).toContain('BID_EXTEND_MINUTES')
	})
})

describe('webConcurrency', () => {
	const prod = (source: Record<string, string> = {}) => parseEnv({ NODE_ENV: 'production', ...source })
	it('runs one process per core by default, up to the cap', () => {
		expect(webConcurrency(prod(), 2)).toBe(2)
		expect(webConcurrency(prod(), 1)).toBe(1)
		expect(webConcurrency(prod(), 64)).toBe(MAX_DEFAULT_PROCESSES)
	})
	it('follows WEB_CONCURRENCY, but runs one process in development and under the e2e hooks', () => {
		expect(webConcurrency(prod({ WEB_CONCURRENCY: '3' }), 2)).toBe(3)
		expect(webConcurrency(parseEnv({ NODE_ENV: 'development', WEB_CONCURRENCY: '2' }), 8)).toBe(1)
		expect(webConcurrency(prod({ E2E_TEST_HOOKS: '1', WEB_CONCURRENCY: '2' }), 8)).toBe(1)
		expect(() => prod({ WEB_CONCURRENCY: '0' })).toThrow(EnvError)
	})
	it('runs one process from ONE_PROCESS_FROM_LISTINGS published listings, unless WEB_CONCURRENCY says otherwise', () => {
		expect(webConcurrency(prod(), 2, ONE_PROCESS_FROM_LISTINGS - 1)).toBe(2)
		expect(webConcurrency(prod(), 2, ONE_PROCESS_FROM_LISTINGS)).toBe(1)
		expect(webConcurrency(prod({ WEB_CONCURRENCY: '2' }), 2, 1_000_000)).toBe(2)
		// The count is asked for only when it can change the answer.
		expect(needsListingCount(prod(), 2)).toBe(true)
		expect(needsListingCount(prod(), 1)).toBe(false)
		expect(needsListingCount(prod({ WEB_CONCURRENCY: '2' }), 2)).toBe(false)
		expect(needsListingCount(parseEnv({ NODE_ENV: 'development' }), 2)).toBe(false)
	})
})
