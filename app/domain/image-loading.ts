/** How many list thumbnails load at once: about what a phone or a desktop list shows first. */
export const EAGER_THUMBNAILS = 4

/**
 * Loading hints for the n-th image of a list (0-based). The first ones are on screen at load, and
 * the very first is usually the page's largest paint (LCP): lazy loading would hold them back
 * until layout, so they load eagerly and the first with high priority. The rest stay lazy.
 * `fetchpriority` is spelled in lower case because React 18 passes only that spelling through.
 */
export function imageLoading(index: number): { loading: 'eager' | 'lazy'; fetchpriority?: 'high' } {
	if (index === 0) return { loading: 'eager', fetchpriority: 'high' }
	return { loading: index < EAGER_THUMBNAILS ? 'eager' : 'lazy' }
}
