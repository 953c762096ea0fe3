import { describe, expect, it } from 'vitest'
import { invariantResponse } from './invariant.ts'

async function thrown(fn: () => void) {
	try {
		fn()
	} catch (error) {
		return error
	}
	return undefined
}

describe('invariantResponse', () => {
	it('passes a truthy condition through', async () => {
		expect(await thrown(() => invariantResponse({ id: 'x' }))).toBeUndefined()
	})
	it('throws a 404 "Not found" by default', async () => {
		const error = await thrown(() => invariantResponse(null))
		expect(error).toBeInstanceOf(Response)
		const response = error as Response
		expect(response.status).toBe(404)
		expect(await response.text()).toBe('Not found')
	})
	it('takes another status and a lazy message', async () => {
		const response = (await thrown(() => invariantResponse(false, () => 'Bad input', { status: 400 }))) as Response
		expect(response.status).toBe(400)
		expect(await response.text()).toBe('Bad input')
	})
})
