import { describe, expect, it } from 'vitest'
import { EAGER_THUMBNAILS, imageLoading } from './image-loading.ts'

describe('imageLoading', () => {
	it('loads the first thumbnail first, the next few eagerly, the rest lazily', () => {
		expect(imageLoading(0)).toEqual({ loading: 'eager', fetchpriority: 'high' })
		expect(imageLoading(1)).toEqual({ loading: 'eager' })
		expect(imageLoading(EAGER_THUMBNAILS - 1)).toEqual({ loading: 'eager' })
		expect(imageLoading(EAGER_THUMBNAILS)).toEqual({ loading: 'lazy' })
		expect(imageLoading(50)).toEqual({ loading: 'lazy' })
	})
})
