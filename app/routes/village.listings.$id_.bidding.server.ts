// The server side of /village/listings/:id/bidding: the new-round form's starting values and
// bounds, and the actions, one per intent. A refusal answers the form (4xx, nothing written);
// success redirects back to the page with a notice.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { checkDeadline, MAX_ROUND_DAYS, MIN_ROUND_LEAD_MS, parseChinaDateTime, toChinaDateTime } from '~/domain/bidding.ts'
import { biddingDefaults, openRound, switchToNegotiated } from '~/models/bidding.server.ts'
import { OpenRoundSchema } from '~/utils/bidding-form.ts'
import { now } from '~/utils/clock.server.ts'

const DAY = 24 * 60 * 60 * 1000
const NOTICES = ['opened', 'switched'] as const

export function readNotice(request: Request) {
	const notice = new URL(request.url).searchParams.get('notice')
	return (NOTICES as readonly string[]).includes(notice ?? '') ? (notice as (typeof NOTICES)[number]) : null
}

/** The form's starting values (the listing's price; a week ahead at 10:00 China time) and the deadline's bounds. */
export function roundFormSetup(listingPrice: number, at = now()) {
	const week = toChinaDateTime(new Date(at.getTime() + 7 * DAY)).slice(0, 10)
	return {
		defaults: { ...biddingDefaults(), startPrice: listingPrice, deadline: `${week}T10:00` },
		deadlineRange: { min: toChinaDateTime(new Date(at.getTime() + MIN_ROUND_LEAD_MS)), max: toChinaDateTime(new Date(at.getTime() + MAX_ROUND_DAYS * DAY)) },
	}
}

type Village = Parameters<typeof openRound>[0]
const backToPage = (listingId: string, notice: (typeof NOTICES)[number]) => redirect(`/village/listings/${listingId}/bidding?notice=${notice}`)

export async function openIntent(user: Village, listingId: string, formData: FormData) {
	const submission = parseWithZod(formData, { schema: OpenRoundSchema })
	if (submission.status !== 'success') return data({ intent: 'open' as const, result: submission.reply(), problem: null }, { status: 400 })
	const { deadline: typed, depositDue: typedDue, ...rest } = submission.value
	// The schema has checked that both parse.
	const deadline = parseChinaDateTime(typed)!
	const depositDueAt = typedDue ? parseChinaDateTime(typedDue)! : null
	const at = now()
	const problem = checkDeadline(deadline, at)
	const dueProblem = depositDueAt && depositDueAt.getTime() <= at.getTime() ? 'depositPast' : depositDueAt && depositDueAt.getTime() > deadline.getTime() ? 'depositLate' : null
	if (problem || dueProblem) {
		const fieldErrors = { ...(problem ? { deadline: [problem] } : {}), ...(dueProblem ? { depositDue: [dueProblem] } : {}) }
		return data({ intent: 'open' as const, result: submission.reply({ fieldErrors }), problem: null }, { status: 400 })
	}
	const result = await openRound(user, listingId, { ...rest, deadline, depositDueAt })
	if (result.ok) return backToPage(listingId, 'opened')
	return data({ intent: 'open' as const, result: submission.reply(), problem: result.problem }, { status: result.problem === 'notFound' ? 404 : 409 })
}

export async function switchIntent(user: Village, listingId: string) {
	if (await switchToNegotiated(user, listingId)) return backToPage(listingId, 'switched')
	return data({ intent: 'switch-to-negotiated' as const, result: null, problem: 'switchRefused' as const }, { status: 409 })
}
