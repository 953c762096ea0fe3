// Where the map writes town names: beside their point, never over a cluster's number or a marker.
// Pure screen geometry (pixels in the map's container); app/components/listings-map.client.tsx
// measures the markers and draws the result.

export type Rect = { left: number; top: number; right: number; bottom: number }
export type LabelBox = { key: string; x: number; y: number; width: number; height: number }
/** The label's centre, as an offset from its point. */
export type Placement = { key: string; dx: number; dy: number }

/** A name's box as drawn (styles/app.css `.town-label span`: 12 px bold, 4 px padding). */
export function labelSize(name: string, locale: string) {
	return { width: (locale === 'en' ? name.length * 7 : Array.from(name).length * 12) + 8, height: 16 }
}

/** Space kept clear between a name and a marker or another name. */
const GAP = 2

/** How far (px) a name may move from its preferred place above its point, so it still reads as that point's. */
const REACH = 48

/**
 * Where a name may go: offsets of its centre from its point in 4 px steps, nearest to the
 * preferred place first (just above the point, where it was always drawn), within REACH.
 */
const candidateCache = new Map<string, Array<[number, number]>>()
function candidates(width: number, height: number): Array<[number, number]> {
	const key = `${width}x${height}`
	let list = candidateCache.get(key)
	if (!list) {
		list = computeCandidates(width, height)
		candidateCache.set(key, list)
	}
	return list
}

function computeCandidates(width: number, height: number): Array<[number, number]> {
	const up = height / 2 + 8
	const out: Array<[number, number, number]> = []
	const across = Math.ceil((width / 2 + 12) / 4)
	for (let j = -REACH / 4; j <= REACH / 4; j++) {
		for (let i = -across; i <= across; i++) {
			const dx = i * 4
			const dy = j * 4 - up
			const cost = Math.hypot(dx, dy + up)
			if (cost <= REACH) out.push([dx, dy, cost])
		}
	}
	return out.sort((a, b) => a[2] - b[2]).map(([dx, dy]) => [dx, dy])
}

function overlaps(a: Rect, b: Rect) {
	return a.left < b.right + GAP && b.left < a.right + GAP && a.top < b.bottom + GAP && b.top < a.bottom + GAP
}

/**
 * Places labels in the given order (the first wins a crowded spot): each takes the first position
 * that covers no obstacle and no label placed before it. A label with no such position is left
 * out: the clusters' counts matter more than a name, which comes back when the view changes.
 */
export function placeLabels(labels: LabelBox[], obstacles: Rect[]): Placement[] {
	const taken: Rect[] = []
	const placed: Placement[] = []
	for (const label of labels) {
		// Only what the name could reach can be in its way.
		const near = (o: Rect) => o.right > label.x - label.width / 2 - REACH - 16 && o.left < label.x + label.width / 2 + REACH + 16 && o.bottom > label.y - label.height - REACH - 16 && o.top < label.y + label.height + REACH + 16
		const around = obstacles.filter(near)
		const others = taken.filter(near)
		for (const [dx, dy] of candidates(label.width, label.height)) {
			const cx = label.x + dx
			const cy = label.y + dy
			const rect = { left: cx - label.width / 2, right: cx + label.width / 2, top: cy - label.height / 2, bottom: cy + label.height / 2 }
			if (around.some((o) => overlaps(rect, o)) || others.some((o) => overlaps(rect, o))) continue
			taken.push(rect)
			placed.push({ key: label.key, dx, dy })
			break
		}
	}
	return placed
}
