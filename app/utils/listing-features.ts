// The GeoJSON shapes of `/api/listings` (PRODUCT.md "Stable interface"), shared by server and map.
import type { AreaUnit, ListingType, PriceUnit, TransferMode } from '~/domain/listing.ts'

type Point = { type: 'Point'; coordinates: [number, number] }

export type ListingFeature = {
	type: 'Feature'
	id: string
	geometry: Point
	properties: {
		id: string
		type: ListingType
		title: string
		town: string
		townEn: string
		village: string
		villageEn: string
		area: number
		areaUnit: AreaUnit
		price: number
		priceUnit: PriceUnit
		transferMode: TransferMode
		status: 'PUBLISHED'
		/** Land boundary rings ([lng, lat]), sent only once zoomed in. */
		boundary?: number[][][]
	}
}

export type ClusterFeature = {
	type: 'Feature'
	id: string
	geometry: Point
	properties: {
		cluster: true
		clusterId: number
		count: number
		/** The zoom at which this cluster splits: clicking it zooms there. */
		expansionZoom: number
		types: Record<ListingType, number>
	}
}

/** A land listing's boundary, sent once zoomed in for every matching listing in view, clustered or not. */
export type ListingBoundary = { id: string; type: ListingType; rings: number[][][] }

export type ListingFeatureCollection = {
	type: 'FeatureCollection'
	total: number
	features: Array<ListingFeature | ClusterFeature>
	/** From BOUNDARY_MIN_ZOOM on: the boundaries of the matching listings in the viewport. */
	boundaries?: ListingBoundary[]
}

export function isCluster(f: ListingFeature | ClusterFeature): f is ClusterFeature {
	return 'cluster' in f.properties && f.properties.cluster === true
}
