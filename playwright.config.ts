import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 4310)

const CLOCK_SPECS = [/deal\.spec\.ts/, /bidding\.spec\.ts/]

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
		],
	},
}

export default defineConfig({
	testDir: './e2e',
	// Separate runs (E2E_DIR) keep separate artifacts.
	outputDir: process.env.E2E_DIR ? `${process.env.E2E_DIR}/results` : 'test-results',
	timeout: 30_000,
	expect: { timeout: 10_000 },
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: 2,
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
	},
	projects: [
		// Most specs run in parallel; the two that move the application clock run after them, one
		// at a time, so no other test ever sees a shifted clock.
		{ name: 'chromium', use: browserUse, testIgnore: CLOCK_SPECS },
		{ name: 'clock-deal', use: browserUse, testMatch: /deal\.spec\.ts/, dependencies: ['chromium'] },
		{ name: 'clock-bidding', use: browserUse, testMatch: /bidding\.spec\.ts/, dependencies: ['clock-deal'] },
	],
	webServer: {
		command: 'node server.mjs',
		url: `http://127.0.0.1:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			DATABASE_URL: process.env.DATABASE_URL ?? '',
			UPLOAD_DIR: process.env.UPLOAD_DIR ?? '',
			// Lets tests move the application clock (app/utils/clock.server.ts).
			E2E_TEST_HOOKS: '1',
			// Requests from the test runner itself may say which client address they stand for
			// (X-Forwarded-For), so login limits can be tested for many addresses (e2e/login-limits.spec.ts).
			TRUST_PROXY: 'loopback',
		},
	},
})
