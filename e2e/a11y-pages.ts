import fs from 'node:fs'
import path from 'node:path'
import { run } from './db.ts'
import { one, type Who } from './session.ts'
import { ensureWantedPosts } from './wanted-helpers.ts'

/**
 * Every page a user can reach, keyed by its route file in app/routes, with the role that reaches
 * it and how to build a real URL from the e2e database. a11y.spec.ts fails when a route file is in
 * neither this list nor NOT_PAGES, so a new page cannot ship without an accessibility check.
 */
type Visit = { who: Who; url: () => string; status?: number }

const ROUTES_DIR = path.resolve('app/routes')

const val = (sql: string, ...params: string[]) => one<{ v: string }>(sql, ...params).v

// Chosen when visited (other specs change data at the same time), never hard-coded ids.
const publishedListing = () =>
	val(
		`SELECT id AS v FROM "Listing" WHERE status = 'PUBLISHED' AND "tradingMode" = 'NEGOTIATED'
		 AND EXISTS (SELECT 1 FROM "ListingPhoto" p WHERE p."listingId" = "Listing".id) ORDER BY id LIMIT 1`,
	)
const biddingListing = () => val(`SELECT id AS v FROM "Listing" WHERE status = 'PUBLISHED' AND "tradingMode" = 'BIDDING' ORDER BY id LIMIT 1`)
const completedDeal = () => one<{ id: string; certificateNo: string; verifyCode: string }>(`SELECT id, "certificateNo", "verifyCode" FROM "Deal" WHERE status = 'COMPLETED' ORDER BY "certificateNo" LIMIT 1`)
const villageA = `(SELECT "villageId" FROM "User" WHERE email = 'village.shulinzhao@demo.local')`
const townX = `(SELECT "townId" FROM "User" WHERE email = 'reviewer.shulinzhao@demo.local')`
const villageListing = (statuses: string[]) =>
	val(`SELECT id AS v FROM "Listing" WHERE "villageId" = ${villageA} AND status IN (${statuses.map((_, i) => `$${i + 1}`).join(',')}) ORDER BY status, id LIMIT 1`, ...statuses)

/**
 * Village A's certified lease, with its rent schedule. The demo writes no rent (the schedule is
 * written at certification): two payments far ahead (fixed ids, so the parallel runs add them
 * once) give the page its payment forms; due in a year, neither is overdue nor reminded by the sweep.
 */
const rentDeal = () => {
	const deal = val(
		`SELECT d.id AS v FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId" WHERE l."villageId" = ${villageA} AND d.status = 'COMPLETED' AND d."transferMode" = 'LEASE' ORDER BY d.id LIMIT 1`,
	)
	const due = (days: number) => new Date(Date.now() + days * 86_400_000)
	for (const [id, seq, days] of [['a11y-rent-1', 901, 330], ['a11y-rent-2', 902, 695]] as const) {
		run(`INSERT INTO "RentPayment" (id, "dealId", seq, "dueDate", amount, "createdAt") VALUES ($1, $2, $3, $4, 10000, $5) ON CONFLICT DO NOTHING`, [id, deal, seq, due(days), new Date()])
	}
	return deal
}

export const PAGES: Record<string, Visit[]> = {
	// Public
	_index: [{ who: 'anonymous', url: () => '/' }],
	'$': [{ who: 'anonymous', url: () => '/no-such-page', status: 404 }],
	'listings.$id': [{ who: 'anonymous', url: () => `/listings/${publishedListing()}` }],
	ledger: [{ who: 'anonymous', url: () => '/ledger' }],
	stats: [{ who: 'anonymous', url: () => '/stats' }],
	'deals.$id': [{ who: 'anonymous', url: () => `/deals/${completedDeal().id}` }],
	'deals.$id_.changes': [
		{ who: 'villageA', url: () => `/deals/${val(`SELECT d.id AS v FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId" WHERE l."villageId" = ${villageA} AND d.status = 'COMPLETED' ORDER BY d.id DESC LIMIT 1`)}/changes` },
	],
	'verify.$code': [
		{ who: 'anonymous', url: () => `/verify/${completedDeal().verifyCode}` },
		{ who: 'anonymous', url: () => '/verify/NOSUCHCODE', status: 404 },
	],
	'verify._index': [
		{ who: 'anonymous', url: () => '/verify' },
		{ who: 'anonymous', url: () => '/verify?q=NOSUCHCODE', status: 404 },
	],
	'stats_.prices': [{ who: 'anonymous', url: () => '/stats/prices' }],
	compare: [
		{ who: 'anonymous', url: () => '/compare' },
		{ who: 'anonymous', url: () => `/compare?ids=${publishedListing()},${biddingListing()}` },
	],
	's.$code': [{ who: 'anonymous', url: () => '/s/zzzzzzzz', status: 404 }],
	login: [{ who: 'anonymous', url: () => '/login' }],
	join: [{ who: 'anonymous', url: () => '/join' }],
	// Buyer
	me: [{ who: 'buyer', url: () => '/me' }],
	'me_.favourites': [{ who: 'buyer', url: () => '/me/favourites' }],
	notifications: [{ who: 'buyer', url: () => '/notifications' }],
	'notifications_.settings': [
		{ who: 'buyer', url: () => '/notifications/settings' },
		{ who: 'villageA', url: () => '/notifications/settings' },
	],
	'me_.searches': [{ who: 'buyer', url: () => '/me/searches' }],
	'listings.$id_.inquire': [{ who: 'buyer', url: () => `/listings/${publishedListing()}/inquire` }],
	'listings.$id_.bid': [{ who: 'buyer', url: () => `/listings/${biddingListing()}/bid` }],
	// Village
	'village._index': [{ who: 'villageA', url: () => '/village' }],
	'village.listings.new': [
		{ who: 'villageA', url: () => '/village/listings/new' },
		// The land form with the village's surveyed parcels: the picker's list and map.
		{ who: 'villageA', url: () => '/village/listings/new?type=LAND' },
	],
	'village.listings.$id': [{ who: 'villageA', url: () => `/village/listings/${villageListing(['PUBLISHED'])}` }],
	'village.listings.$id_.edit': [{ who: 'villageA', url: () => `/village/listings/${villageListing(['RETURNED', 'DRAFT'])}/edit` }],
	'village.listings.$id_.deal': [{ who: 'villageA', url: () => `/village/listings/${villageListing(['PUBLISHED'])}/deal` }],
	'village.listings.$id_.bidding': [
		{ who: 'villageA', url: () => `/village/listings/${villageListing(['PUBLISHED'])}/bidding` },
		// The form that opens a round shows only on a bidding listing; village A has none.
		{
			who: 'villageB',
			url: () => `/village/listings/${val(`SELECT id AS v FROM "Listing" WHERE "tradingMode" = 'BIDDING' AND "villageId" = (SELECT "villageId" FROM "User" WHERE email = 'village.saiwusu@demo.local') ORDER BY id LIMIT 1`)}/bidding`,
		},
	],
	'village.inquiries': [{ who: 'villageA', url: () => '/village/inquiries' }],
	'village.deals.$id.rent': [{ who: 'villageA', url: () => `/village/deals/${rentDeal()}/rent` }],
	'village.filings': [{ who: 'villageA', url: () => '/village/filings' }],
	// Wanted posts (issue 13)
	'wanted._index': [{ who: 'anonymous', url: () => (ensureWantedPosts(), '/wanted') }],
	'wanted.$id': [
		{ who: 'anonymous', url: () => `/wanted/${ensureWantedPosts().published}` },
		{ who: 'anonymous', url: () => `/wanted/${ensureWantedPosts().draft}`, status: 404 },
	],
	'me_.wanted': [{ who: 'buyer', url: () => (ensureWantedPosts(), '/me/wanted') }],
	'me_.wanted_.new': [{ who: 'buyer', url: () => '/me/wanted/new' }],
	'me_.wanted_.$id': [
		{ who: 'buyer', url: () => `/me/wanted/${ensureWantedPosts().draft}` },
		{ who: 'buyer', url: () => `/me/wanted/${ensureWantedPosts().published}` },
	],
	'review.wanted.$id': [{ who: 'reviewerX', url: () => `/review/wanted/${ensureWantedPosts().submitted}` }],
	'village.wanted': [{ who: 'villageA', url: () => (ensureWantedPosts(), '/village/wanted') }],
	'village.filings_.new': [{ who: 'villageA', url: () => '/village/filings/new' }],
	// Reviewer
	'review._index': [{ who: 'reviewerX', url: () => '/review' }],
	'review.listings.$id': [{ who: 'reviewerX', url: () => `/review/listings/${val(`SELECT id AS v FROM "Listing" WHERE "townId" = ${townX} ORDER BY status = 'SUBMITTED' DESC, id LIMIT 1`)}` }],
	'review.deals': [{ who: 'reviewerX', url: () => '/review/deals' }],
	'review.deals_.$id': [
		{
			who: 'reviewerX',
			url: () => `/review/deals/${val(`SELECT d.id AS v FROM "Deal" d JOIN "Listing" l ON l.id = d."listingId" WHERE l."townId" = ${townX} ORDER BY d.status = 'IN_NOTICE' DESC, d.id LIMIT 1`)}`,
		},
	],
	'review.filings': [{ who: 'reviewerX', url: () => '/review/filings' }],
	'review.warnings': [{ who: 'reviewerX', url: () => '/review/warnings' }],
	'review.register': [{ who: 'reviewerX', url: () => '/review/register' }],
	// Administrator
	'admin._index': [{ who: 'admin', url: () => '/admin' }],
	'admin.places': [{ who: 'admin', url: () => '/admin/places' }],
	'admin.users': [{ who: 'admin', url: () => '/admin/users' }],
	'admin.users_.$id': [{ who: 'admin', url: () => `/admin/users/${val(`SELECT id AS v FROM "User" WHERE email = 'village.shulinzhao@demo.local'`)}` }],
	'admin.listings': [{ who: 'admin', url: () => '/admin/listings' }],
	'admin.listings_.$id': [{ who: 'admin', url: () => `/admin/listings/${publishedListing()}` }],
	'admin.audit': [{ who: 'admin', url: () => '/admin/audit' }],
	'admin.certifications': [{ who: 'admin', url: () => '/admin/certifications' }],
	'admin.deposits': [{ who: 'admin', url: () => '/admin/deposits' }],
	'admin.contracts': [
		{ who: 'admin', url: () => '/admin/contracts' },
		{ who: 'admin', url: () => '/admin/contracts?kind=HOUSE_LEASE' },
	],
	'admin.imports.parcels': [{ who: 'admin', url: () => '/admin/imports/parcels' }],
	'admin.imports.ledger': [{ who: 'admin', url: () => '/admin/imports/ledger' }],
	'admin.register': [
		{ who: 'admin', url: () => '/admin/register' },
		{ who: 'admin', url: () => '/admin/register?town=shulinzhao&origin=PLATFORM' },
	],
	'admin.warnings': [
		{ who: 'admin', url: () => '/admin/warnings' },
		{ who: 'admin', url: () => '/admin/warnings?town=shulinzhao' },
	],
	'certificates.$no': [{ who: 'admin', url: () => `/certificates/${completedDeal().certificateNo}` }],
}

/** Route files that are not pages of their own, and why. */
export const NOT_PAGES: Record<string, string> = {
	admin: 'layout: checked through every /admin page',
	'admin.imports.ledger_.template[.]xlsx': 'Excel download (the 台账 import template)',
	'admin.imports.parcels_.$id':
		'an import preview exists only after an upload (the e2e database has no DataImport row, its report is the JSON an upload computes from the parsed file): e2e/parcel-import.spec.ts uploads and visits it',
	'admin.imports.ledger_.$id':
		'an import preview exists only after an upload (the e2e database has no DataImport row, its report is the JSON an upload computes from the parsed file): e2e/ledger-import.spec.ts uploads and visits it',
	'admin.ledger.lzht[.]csv': 'CSV download (the LZHT upward-reporting export)',
	'admin.ledger.lzht[.]xlsx': 'Excel download (the LZHT upward-reporting export)',
	'admin.register[.]xlsx': 'Excel download (the register of filed contracts)',
	'admin.contracts_.$kind.preview': 'PDF download (a contract template printed with sample values): e2e/contracts.spec.ts fetches it',
	'deals.$id_.contract[.]pdf': 'PDF download (a deal’s generated contract): e2e/contracts.spec.ts fetches it',
	'deals.$id_.changes_.$changeId.$n': 'file download (a document of a deal’s change or dispute): e2e/deal-changes.spec.ts fetches one',
	'deals.$id_.dossier[.]zip': 'ZIP download (a deal’s dossier): e2e/deal.spec.ts fetches it after certification',
	'review.register[.]xlsx': 'Excel download (the town register of filed contracts)',
	review: 'layout: checked through every /review page',
	village: 'layout: checked through every /village page',
	'api.ledger': 'JSON resource',
	'api.listings': 'JSON resource (the map data)',
	'api.parcels': 'GeoJSON resource (the parcels layer)',
	'api.stats': 'JSON resource',
	'deals.$id_.contract': 'file download (the contract scan)',
	healthz: 'health check for the process manager',
	language: 'POST-only: sets the language cookie and redirects',
	'stats_.prices[.]csv': 'CSV download (land prices)',
	'stats_.prices[.]xlsx': 'Excel download (land prices)',
	'ledger[.]csv': 'CSV download',
	'ledger[.]xlsx': 'Excel download',
	'listings.$id_.bid[.]json': 'JSON resource (the live bidding state)',
	logout: 'POST-only: ends the session and redirects',
	'test-hooks.clock': 'e2e-only clock hook',
	'uploads.$file': 'image file',
	'qr[.]svg': 'SVG image (the QR code of a listing link)',
	'village.listings.$id.photos': 'redirects to the listing page (#photos), checked there',
	'notifications_.$id': 'marks one notification read and redirects to what it points at',
}

/** The route ids (file names without extension) in app/routes; `*.server.ts` siblings are modules, not routes (remix.config.js). */
export function routeIds() {
	return fs
		.readdirSync(ROUTES_DIR)
		.filter((f) => /\.tsx?$/.test(f))
		.filter((f) => !/\.server\.tsx?$/.test(f))
		.map((f) => f.replace(/\.tsx?$/, ''))
		.sort()
}

/** The URL pattern of a flat route id, as Remix v2 reads it: `review.deals_.$id` → /review/deals/:id. */
export function routePattern(id: string) {
	const segments = id
		// A dot inside brackets is a literal dot, not a segment break.
		.split(/\.(?![^[]*\])/)
		.filter((s) => s !== '_index' && !/^_[^.]/.test(s))
		.map((s) => s.replace(/_$/, '').replace(/\[\.\]/g, '.'))
		.map((s) => (s === '$' ? '*' : s.startsWith('$') ? `:${s.slice(1)}` : s))
	return `/${segments.join('/')}`
}

/** Whether a concrete path is one the route pattern serves. */
export function matchesPattern(pattern: string, pathname: string) {
	const source = pattern
		.split('/')
		.map((s) => (s === '*' ? '.+' : s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
		.join('/')
	return new RegExp(`^${source}$`).test(pathname)
}
