// The village's "payment received" form, shared by the action and the form.
import { z } from 'zod'

export const MarkPaidSchema = z.object({
	paymentId: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'notFound'),
	amount: z.coerce.number({ invalid_type_error: 'amount', required_error: 'amount' }).finite('amount'),
	paidOn: z.string({ required_error: 'date' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'date'),
})
