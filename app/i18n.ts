import enDeal from './locales/en/deal.ts'
import zhDeal from './locales/zh/deal.ts'
import enLedger from './locales/en/ledger.ts'
import zhLedger from './locales/zh/ledger.ts'
import enBidding from './locales/en/bidding.ts'
import enDeadlines from './locales/en/deadlines.ts'
import zhDeadlines from './locales/zh/deadlines.ts'
import zhBidding from './locales/zh/bidding.ts'
import enInquiry from './locales/en/inquiry.ts'
import zhInquiry from './locales/zh/inquiry.ts'
import enAudit from './locales/en/audit.ts'
import zhAudit from './locales/zh/audit.ts'
import enNotification from './locales/en/notification.ts'
import zhNotification from './locales/zh/notification.ts'
import enAdmin from './locales/en/admin.ts'
import enAuth from './locales/en/auth.ts'
import enCommon from './locales/en/common.ts'
import enListing from './locales/en/listing.ts'
import enMap from './locales/en/map.ts'
import enReview from './locales/en/review.ts'
import enStats from './locales/en/stats.ts'
import enVillage from './locales/en/village.ts'
import zhAdmin from './locales/zh/admin.ts'
import zhAuth from './locales/zh/auth.ts'
import zhCommon from './locales/zh/common.ts'
import zhListing from './locales/zh/listing.ts'
import zhMap from './locales/zh/map.ts'
import zhReview from './locales/zh/review.ts'
import zhStats from './locales/zh/stats.ts'
import zhVillage from './locales/zh/village.ts'

// Every visible string goes through i18next. The server holds every translation; the browser
// imports only its language's namespaces, one chunk each (app/locales/load.ts).
export const resources = {
	zh: { common: zhCommon, map: zhMap, listing: zhListing, stats: zhStats, auth: zhAuth, village: zhVillage, review: zhReview, admin: zhAdmin, deal: zhDeal, ledger: zhLedger, bidding: zhBidding, inquiry: zhInquiry, notification: zhNotification, audit: zhAudit, deadlines: zhDeadlines },
	en: { common: enCommon, map: enMap, listing: enListing, stats: enStats, auth: enAuth, village: enVillage, review: enReview, admin: enAdmin, deal: enDeal, ledger: enLedger, bidding: enBidding, inquiry: enInquiry, notification: enNotification, audit: enAudit, deadlines: enDeadlines },
} as const

export { default, defaultNS, fallbackLng, isLng, namespaces, supportedLngs, type Lng, type Namespace } from './i18n-config.ts'
