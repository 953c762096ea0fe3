import type { DeepStrings } from '../types.ts'
import type zh from '../zh/notification.ts'

export default {
	kinds: {
		'listing-submitted': { title: 'A new listing is waiting for review', body: '{{listing}}' },
		'listing-published': { title: 'Your listing was approved', body: '{{listing}}: {{opinion}}' },
		'listing-returned': { title: 'Your listing was returned for changes', body: '{{listing}}: {{opinion}}' },
		'listing-rejected': { title: 'Your listing was rejected', body: '{{listing}}: {{opinion}}' },
		'inquiry-created': { title: 'New inquiry', body: '{{listing}}: {{buyer}}' },
		'inquiry-withdrawn': { title: 'An inquirer withdrew their inquiry', body: '{{listing}}: {{buyer}}' },
		'inquiry-replied': { title: 'The village replied to your inquiry', body: '{{listing}}: {{excerpt}}' },
		'inquiry-closed': { title: 'The village closed your inquiry', body: '{{listing}}' },
		'deal-submitted': { title: 'A new deal is waiting for review', body: '{{listing}}' },
		'deal-in-notice': { title: 'The deal was approved and is now in public notice', body: '{{listing}}: {{opinion}}' },
		'deal-rejected': { title: 'The deal was not approved', body: '{{listing}}: {{opinion}}' },
		'deal-objected': { title: 'An objection was raised against a deal in notice', body: '{{listing}}' },
		'objection-upheld': { title: 'The objection was upheld; the deal is not approved', body: '{{listing}}: {{opinion}}' },
		'objection-dismissed': { title: 'The objection was dismissed; the notice continues', body: '{{listing}}: {{opinion}}' },
		'deal-completed': { title: 'The deal is certified and its certificate issued', body: '{{listing}}: certificate no. {{certificateNo}}' },
		'deal-returned': { title: 'The service centre returned a deal for another review', body: '{{listing}}: {{opinion}}' },
		'bidding-sold': { title: 'The bidding closed with a winner; awaiting the Party review', body: '{{listing}}: Bidder {{alias}} won at {{amount}}' },
		'bidding-won': { title: 'Congratulations, you won the bidding', body: '{{listing}}: winning price {{amount}}, awaiting the Party review' },
		'bidding-lost': { title: 'The bidding has ended', body: '{{listing}}: you did not win{{refund}}' },
		'bidding-failed': { title: 'The bidding failed', body: '{{listing}}: {{reason}}. You may list it again or switch to negotiation.' },
		'bidding-failed-bidder': { title: 'The bidding failed', body: '{{listing}}: {{reason}}{{refund}}' },
		'deposit-pending': { title: 'A bidder registered; confirm the deposit', body: '{{listing}}: Bidder {{alias}}, deposit {{deposit}}' },
		'deposit-received': { title: 'Deposit confirmed: you may bid', body: '{{listing}}' },
		'deposit-refunded': { title: 'Your deposit was refunded', body: '{{listing}}: {{deposit}}' },
		'signup-existing': {
			title: 'Someone tried to sign up with your mobile number or email',
			body: 'A sign-up was submitted with this account’s mobile number or email. Nothing about the account changed. If it was you, just log in with your existing password; if you forgot it, ask the service centre to reset it.',
		},
	},
	refund: '; your deposit of {{deposit}} will be refunded',
	failReasons: { tooFewBidders: 'too few bidders paid the deposit', noBids: 'nobody bid', listingUnavailable: 'the listing can no longer be traded' },
	legacy: 'Written before English notifications; shown as stored.',
} satisfies DeepStrings<typeof zh>
