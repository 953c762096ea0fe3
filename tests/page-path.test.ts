// server/page-path.js: single fetch's `.data` URLs get the rules of their pages (decision 022).
import { describe, expect, it } from 'vitest'
import { isDataPath, pagePath } from '../server/page-path.js'
import { bodyLimit, FORM_BODY_LIMIT, UPLOAD_BODY_LIMIT } from '../server/request-guards.js'
import { noStore } from '../server/security-headers.js'

describe('pagePath', () => {
	it('maps a data URL to its page, the home page’s included', () => {
		expect(pagePath('/_root.data')).toBe('/')
		expect(pagePath('/me.data')).toBe('/me')
		expect(pagePath('/village/listings/c1/photos.data')).toBe('/village/listings/c1/photos')
		expect(pagePath('/ledger.csv')).toBe('/ledger.csv')
		expect(pagePath('/me')).toBe('/me')
		expect(isDataPath('/admin/users.data')).toBe(true)
		expect(isDataPath('/listings/c1/bid.json')).toBe(false)
	})
	it('gives an upload page’s single-fetch action the upload cap', () => {
		expect(bodyLimit('/village/listings/c1/photos.data')).toBe(UPLOAD_BODY_LIMIT)
		expect(bodyLimit('/village/listings/c1/deal.data')).toBe(UPLOAD_BODY_LIMIT)
		expect(bodyLimit('/village/listings/c1/edit.data')).toBe(FORM_BODY_LIMIT)
	})
	it('keeps personal pages’ data out of caches as the pages themselves', () => {
		for (const p of ['/me.data', '/admin.data', '/admin/users.data', '/village/listings/x.data', '/review.data', '/notifications.data']) expect(noStore(p), p).toBe(true)
		for (const p of ['/_root.data', '/listings/abc.data', '/ledger.data', '/meadow.data']) expect(noStore(p), p).toBe(false)
	})
})
