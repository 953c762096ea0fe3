// Why a file cannot be imported: a code the page translates, with the details it names (what was
// found, the row, the limit). Thrown by the readers, caught where the upload is handled.
export const REFUSALS = [
	'unknownFormat',
	'zipUnreadable',
	'zipTooManyEntries',
	'zipPathUnsafe',
	'zipTooLarge',
	'zipBomb',
	'noShapefile',
	'severalLayers',
	'missingPart',
	'noPrj',
	'unreadablePrj',
	'unsupportedCrs',
	'eastingOutOfZone',
	'unknownEncoding',
	'dbfUnreadable',
	'shpUnreadable',
	'rowCountMismatch',
	'tooManyVertices',
	'tooManyFeatures',
	'geojsonUnreadable',
	'kmlEntities',
	'kmlUnreadable',
	'noFeatures',
	'fileTooLarge',
] as const
export type RefusalCode = (typeof REFUSALS)[number]
export type RefusalParams = Record<string, string | number>

export class ImportRefusal extends Error {
	constructor(
		readonly code: RefusalCode,
		readonly params: RefusalParams = {},
	) {
		super(`${code} ${JSON.stringify(params)}`)
		this.name = 'ImportRefusal'
	}
}

/** The limits on one parcel file, and what each protects: memory and time of the server. */
export const PARCEL_LIMITS = {
	/** Zip entries: a layer is 4–6 files; a folder of a few layers is fine, thousands is not. */
	zipEntries: 500,
	/** Inflated bytes of the layer read from a zip, summed (declared and actual). */
	inflatedBytes: 400 * 1024 * 1024,
	/** Inflated/compressed above this (on entries over 1 MB) is a zip bomb, not a shapefile. */
	zipRatio: 200,
	/** GeoJSON and KML are parsed whole (JSON.parse, a DOM): smaller than a zip's cap. */
	textBytes: 60 * 1024 * 1024,
	/** Vertices in the whole file: 2 million is ~50,000 parcels of 40 points; memory stays bounded. */
	vertices: 2_000_000,
	features: 200_000,
}
