import { defineConfig, devices } from '@playwright/test'

const CLOCK_SPECS = [/deal\.spec\.ts/, /bidding\.spec\.ts/, /deadlines\.spec\.ts/]
// Deals done outside the platform change the ledger's and the statistics' totals that ledger.spec
// reads: they get a server of their own too.
const OUTSIDE_DEAL_SPECS = [/ledger-import\.spec\.ts/, /filing\.spec\.ts/]
// What the browser does with a page (layout on a phone, the keyboard on the map, the gallery, the
// JavaScript's weight, the map's first paint): the database engine changes none of it, so the
// PostgreSQL run (npm run test:pg) leaves these to the SQLite run, as it leaves the accessibility
// audits (e2e/a11y.spec.ts visits every page there without auditing it; decision 024).
const BROWSER_ONLY_SPECS = [/page-weight\.spec\.ts/, /phone\.spec\.ts/, /map-keyboard\.spec\.ts/, /gallery\.spec\.ts/, /map-first-paint\.spec\.ts/]
const onPostgres = !!process.env.TEST_POSTGRES_URL

const browserUse = {
	...devices['Desktop Chrome'],
	viewport: { width: 1440, height: 900 },
	launchOptions: {
		// scripts/run-e2e.mjs finds the browser; no download ever happens.
		executablePath: process.env.PW_CHROMIUM_PATH || undefined,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			// Nothing leaves 127.0.0.1, in every context a test opens: any other address goes to a
			// proxy that is not there (loopback always bypasses a proxy), and fails at once. The map's
			// tiles come from the worker's tile server (e2e/tile-server.ts). Unlike a Playwright route,
			// this costs nothing per request.
			'--proxy-server=http://127.0.0.1:9',
		],
	},
}

export default defineConfig({
	testDir: './e2e',
	// Separate runs (E2E_DIR) keep separate artifacts.
	outputDir: process.env.E2E_DIR ? `${process.env.E2E_DIR}/results` : 'test-results',
	// A bound, not a target: on 2026-12-02 the 2-core machine, loaded by other work (load average
	// 8–17), took 18.5 min for the suite instead of 8, and the longest test (a village's listing with
	// three uploads) ran past 30 s. (The map tests that ran past 45 and 75 s were waiting on a
	// vanished element, not on the machine: e2e/fixtures.ts openLiveMap.)
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	// Three workers on the 2-core machine: with two, half the CPU sat idle while tests waited on
	// the server, the browser or the clock (README "Test it", decision 024). E2E_WORKERS overrides it.
	workers: Number(process.env.E2E_WORKERS) || 3,
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	// No webServer: each worker starts its own server on its own copy of the seeded database
	// (the `server` fixture in e2e/fixtures.ts), on E2E_PORT + 100, + 200, ….
	use: {
		// Recording a trace for every test cost about a sixth of the run's CPU (screenshots of every
		// step, kept only when it failed); CI retries a failure once, with a trace.
		trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
		screenshot: 'only-on-failure',
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
	},
	projects: [
		// The two specs that move the application clock get workers of their own (a project never
		// shares a worker), so their servers, fresh from the seed, serve no other spec; they run
		// alongside the rest. Listed first so they start first: each is a serial chain of minutes,
		// which at the end of the run would leave the other workers idle.
		{ name: 'clock-deal', use: browserUse, testMatch: /deal\.spec\.ts/ },
		{ name: 'clock-bidding', use: browserUse, testMatch: /bidding\.spec\.ts/ },
		{ name: 'clock-deadlines', use: browserUse, testMatch: /deadlines\.spec\.ts/ },
		{ name: 'outside-deals', use: browserUse, testMatch: OUTSIDE_DEAL_SPECS },
		{ name: 'chromium', use: browserUse, testIgnore: [...CLOCK_SPECS, ...OUTSIDE_DEAL_SPECS, ...(onPostgres ? BROWSER_ONLY_SPECS : [])] },
	],
})
