import type { DeepStrings } from '../types.ts'
import type zh from '../zh/common.ts'

export default {
	appName: 'Rural Property Exchange',
	appNameShort: 'Property Exchange',
	centreName: 'Shulinzhao Town Rural Property Service Centre',
	tagline: 'Party organisation leads — integrate resources — activate trading — deepen development',
	nav: { map: 'Map', stats: 'Statistics', login: 'Log in', join: 'Sign up', main: 'Main navigation' },
	language: { label: 'Language', switchTo: '中文', zh: '中文', en: 'English' },
	types: { FARMHOUSE: 'Farmhouse', LAND: 'Land', COLLECTIVE_ASSET: 'Collective asset' },
	typesPlural: { FARMHOUSE: 'Farmhouses', LAND: 'Land', COLLECTIVE_ASSET: 'Collective assets' },
	status: {
		DRAFT: 'Draft',
		SUBMITTED: 'Awaiting review',
		PUBLISHED: 'Listed',
		RETURNED: 'Returned for changes',
		REJECTED: 'Rejected',
		TRADED: 'Traded',
		WITHDRAWN: 'Withdrawn',
		EXPIRED: 'Expired',
	},
	transferModes: { LEASE: 'Lease', SUBCONTRACT: 'Subcontract', SHARE: 'Equity share', COOPERATION: 'Cooperation', TRANSFER: 'Transfer' },
	tradingModes: { NEGOTIATED: 'Negotiated', BIDDING: 'Competitive bidding' },
	landClasses: { CROPLAND: 'Cropland', FOREST: 'Forest', GRASSLAND: 'Grassland', BARREN: 'Barren land', OTHER: 'Other' },
	units: { mu: 'mu', m2: 'm²', years: '{{count}} years', yuan: 'yuan' },
	demoData: 'Demo data',
	footer: {
		about: 'This platform publishes, reviews, certifies and announces rural property transfers.',
		demoNote: 'Demo data is modelled on the public record of the Shulinzhao rural property service centre in Dalad Banner; some villages are invented.',
	},
	errors: {
		notFoundTitle: 'Page not found',
		notFound: 'We could not find that page or listing. It may have been withdrawn or not yet published.',
		badRequestTitle: 'Bad request',
		forbiddenTitle: 'Not allowed',
		serverTitle: 'Something went wrong',
		server: 'The server could not complete the request. Please try again later.',
		backHome: 'Back to the home page',
	},
	skipToContent: 'Skip to content',
} satisfies DeepStrings<typeof zh>
