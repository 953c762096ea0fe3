import { useEffect, useRef, useState } from 'react'

/**
 * Renders its children once the placeholder comes near the screen (200 px ahead): drawing a chart
 * or a map is a long task, and what sits further down need not compete with the page's first paint
 * and first input (Leaflet is not even loaded until then).
 */
export function WhenNear({ fallback, children }: { fallback: React.ReactNode; children: () => React.ReactNode }) {
	const ref = useRef<HTMLDivElement>(null)
	const [near, setNear] = useState(false)
	useEffect(() => {
		const box = ref.current
		if (!box || typeof IntersectionObserver === 'undefined') return setNear(true)
		const observer = new IntersectionObserver((entries) => {
			if (entries.some((e) => e.isIntersecting)) {
				setNear(true)
				observer.disconnect()
			}
		}, { rootMargin: '200px' })
		observer.observe(box)
		return () => observer.disconnect()
	}, [])
	return near ? children() : <div ref={ref}>{fallback}</div>
}
