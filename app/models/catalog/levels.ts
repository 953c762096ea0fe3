// The map's unfiltered views, kept per grid level (decision 040). An unfiltered view at a wide zoom
// aggregates nearly every listing into its grid: 27 ms at a million, on the engine's one thread.
// A level keeps, for the indexed rows, the grid's aggregates of each cell of one size. A view then
// reads the cells wholly inside it from its level, and aggregates only the rows of its border cells
// and of the overlay, as before. Changes stay cheap: a row taken off marks its cells, which are
// counted again from the spatial index when a view next reads them; new rows are in the overlay,
// which every view scans.
import type KDBush from 'kdbush'

/** The columns a level reads (the catalogue's, which may be reallocated as it grows). */
type LevelColumns = { x: Float64Array; y: Float64Array; alive: Uint8Array; type: Uint8Array }

/** A level is kept only while its cells over the indexed rows' extent are at most this many (~19 MB). */
const MAX_LEVEL_CELLS = 1 << 18
/** Against rounding between a cell's edges and the index's bounds (Mercator units, a few cm). */
const EPS = 1e-9

/** One grid cell's aggregates: what the features' grid accumulates, cell by cell. */
export class CellGrid {
	readonly count: Int32Array
	readonly first: Int32Array
	readonly second: Int32Array
	readonly sx: Float64Array
	readonly sy: Float64Array
	readonly minX: Float64Array
	readonly minY: Float64Array
	readonly maxX: Float64Array
	readonly maxY: Float64Array
	/** Three per cell: FARMHOUSE, LAND, COLLECTIVE_ASSET, by type code. */
	readonly types: Int32Array

	constructor(cells: number) {
		this.count = new Int32Array(cells)
		this.first = new Int32Array(cells)
		this.second = new Int32Array(cells)
		this.sx = new Float64Array(cells)
		this.sy = new Float64Array(cells)
		this.minX = new Float64Array(cells).fill(Infinity)
		this.minY = new Float64Array(cells).fill(Infinity)
		this.maxX = new Float64Array(cells).fill(-Infinity)
		this.maxY = new Float64Array(cells).fill(-Infinity)
		this.types = new Int32Array(cells * 3)
	}

	/** Adds row i (at x, y, of a type) to cell k. */
	add(k: number, i: number, x: number, y: number, type: number) {
		const n = this.count[k]++
		if (n === 0) this.first[k] = i
		else if (n === 1) this.second[k] = i
		this.sx[k] += x
		this.sy[k] += y
		if (x < this.minX[k]) this.minX[k] = x
		if (x > this.maxX[k]) this.maxX[k] = x
		if (y < this.minY[k]) this.minY[k] = y
		if (y > this.maxY[k]) this.maxY[k] = y
		this.types[k * 3 + type]++
	}

	/** Copies cell `from` of another grid into cell k of this one (an empty cell). */
	copy(k: number, other: CellGrid, from: number) {
		this.count[k] = other.count[from]
		this.first[k] = other.first[from]
		this.second[k] = other.second[from]
		this.sx[k] = other.sx[from]
		this.sy[k] = other.sy[from]
		this.minX[k] = other.minX[from]
		this.minY[k] = other.minY[from]
		this.maxX[k] = other.maxX[from]
		this.maxY[k] = other.maxY[from]
		for (let t = 0; t < 3; t++) this.types[k * 3 + t] = other.types[from * 3 + t]
	}

	clear(k: number) {
		this.count[k] = 0
		this.sx[k] = 0
		this.sy[k] = 0
		this.minX[k] = Infinity
		this.minY[k] = Infinity
		this.maxX[k] = -Infinity
		this.maxY[k] = -Infinity
		for (let t = 0; t < 3; t++) this.types[k * 3 + t] = 0
	}
}

/** The indexed rows' aggregates for cells of one size, over their extent; cell (gx, gy) is the global floor(x / cell), floor(y / cell). */
class Level extends CellGrid {
	/** Cells a taken-off row was in, to count again before they are read. */
	readonly dirty: Uint8Array

	constructor(
		readonly cell: number,
		readonly gx0: number,
		readonly gy0: number,
		readonly width: number,
		readonly height: number,
	) {
		super(width * height)
		this.dirty = new Uint8Array(width * height)
	}

	/** The slot of global cell (gx, gy), or -1 where the indexed rows have none. */
	slot(gx: number, gy: number) {
		const u = gx - this.gx0
		const v = gy - this.gy0
		return u < 0 || v < 0 || u >= this.width || v >= this.height ? -1 : v * this.width + u
	}
}

/** The levels of one catalogue's indexed rows [0, base), each made when a view first needs it. */
export class Levels {
	private readonly levels = new Map<number, Level | null>()

	/** `extent`: the indexed rows' [minX, minY, maxX, maxY] in Mercator units. */
	constructor(
		private readonly cols: LevelColumns,
		private readonly base: number,
		private readonly index: KDBush,
		private readonly extent: readonly [number, number, number, number],
	) {}

	/** The level of cells of this size (the features' own `cell`), or null when it would be too big. */
	get(cell: number): Level | null {
		let level = this.levels.get(cell)
		if (level === undefined) {
			level = this.build(cell)
			this.levels.set(cell, level)
		}
		return level
	}

	/** Row i is being taken off: the cells it counts in are counted again when next read. */
	removed(i: number) {
		if (i >= this.base) return
		const x = this.cols.x[i]
		const y = this.cols.y[i]
		for (const level of this.levels.values()) {
			if (!level) continue
			const s = level.slot(Math.floor(x / level.cell), Math.floor(y / level.cell))
			if (s >= 0) level.dirty[s] = 1
		}
	}

	/**
	 * Copies into `grid` the level's cells with global x in [ix0, ix1] and y in [iy0, iy1] (wholly
	 * inside a view whose grid starts at cell cx0, cy0 and is `width` cells wide); returns the rows
	 * they hold.
	 */
	fill(level: Level, grid: CellGrid, view: { cx0: number; cy0: number; width: number }, ix0: number, ix1: number, iy0: number, iy1: number) {
		let rows = 0
		const x0 = Math.max(ix0, level.gx0)
		const x1 = Math.min(ix1, level.gx0 + level.width - 1)
		const y0 = Math.max(iy0, level.gy0)
		const y1 = Math.min(iy1, level.gy0 + level.height - 1)
		for (let gy = y0; gy <= y1; gy++) {
			for (let gx = x0; gx <= x1; gx++) {
				const s = (gy - level.gy0) * level.width + (gx - level.gx0)
				if (level.dirty[s]) this.recount(level, s, gx, gy)
				if (level.count[s] === 0) continue
				grid.copy((gy - view.cy0) * view.width + (gx - view.cx0), level, s)
				rows += level.count[s]
			}
		}
		return rows
	}

	/** Counts a marked cell again from the spatial index. */
	private recount(level: Level, s: number, gx: number, gy: number) {
		const c = this.cols
		const cell = level.cell
		level.clear(s)
		const ids = this.index.range(gx * cell - EPS, gy * cell - EPS, (gx + 1) * cell + EPS, (gy + 1) * cell + EPS)
		for (let k = 0; k < ids.length; k++) {
			const i = ids[k]
			if (c.alive[i] === 1 && Math.floor(c.x[i] / cell) === gx && Math.floor(c.y[i] / cell) === gy) level.add(s, i, c.x[i], c.y[i], c.type[i])
		}
		level.dirty[s] = 0
	}

	private build(cell: number): Level | null {
		const c = this.cols
		const [ex0, ey0, ex1, ey1] = this.extent
		if (!(ex0 <= ex1)) return null
		// A cell to spare on each side: the extent was taken in degrees, and a row on its edge may
		// round either way once in Mercator units.
		const gx0 = Math.floor(ex0 / cell) - 1
		const gy0 = Math.floor(ey0 / cell) - 1
		const width = Math.floor(ex1 / cell) + 1 - gx0 + 1
		const height = Math.floor(ey1 / cell) + 1 - gy0 + 1
		if (width * height > MAX_LEVEL_CELLS) return null
		const level = new Level(cell, gx0, gy0, width, height)
		for (let i = 0; i < this.base; i++) {
			if (c.alive[i] !== 1) continue
			const x = c.x[i]
			const y = c.y[i]
			level.add((Math.floor(y / cell) - gy0) * width + (Math.floor(x / cell) - gx0), i, x, y, c.type[i])
		}
		return level
	}
}
