import type { ShouldRevalidateFunctionArgs } from '@remix-run/react'
import { describe, expect, it } from 'vitest'
import { revalidateAfterRefusal } from './revalidate.ts'

const args = (actionStatus: number | undefined, defaultShouldRevalidate: boolean) =>
	({ actionStatus, defaultShouldRevalidate }) as ShouldRevalidateFunctionArgs

describe('revalidateAfterRefusal', () => {
	it('reloads after an action refused with 4xx or failed with 5xx, which single fetch would skip', () => {
		for (const status of [400, 404, 409, 429, 500]) expect(revalidateAfterRefusal(args(status, false)), String(status)).toBe(true)
	})
	it('otherwise leaves the decision to Remix', () => {
		expect(revalidateAfterRefusal(args(200, true))).toBe(true)
		expect(revalidateAfterRefusal(args(undefined, false))).toBe(false)
		expect(revalidateAfterRefusal(args(undefined, true))).toBe(true)
		expect(revalidateAfterRefusal(args(302, false))).toBe(false)
	})
})
