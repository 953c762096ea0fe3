// Form schemas of the money-deadline pages, shared by the action (server) and the form (client).
import { z } from 'zod'
import { VOID_REASON_MAX } from '~/domain/deadlines.ts'

const id = z.string().regex(/^[a-z0-9_-]{1,64}$/, 'invalid')

/** The administrator's actions on a won round: record the winner's payment, or void the win. */
export const WinnerActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('winner-paid'), roundId: id }),
	z.object({ intent: z.literal('void-win'), roundId: id, reason: z.string({ required_error: 'reasonRequired' }).trim().min(2, 'reasonRequired').max(VOID_REASON_MAX, 'reasonRequired') }),
])
