// The administrator's contract-template form (/admin/contracts): shared by conform in the browser
// and the action. The model checks the text itself (placeholders, braces, the page count).
import { z } from 'zod'
import { MAX_TEMPLATE_CHARS, MAX_TITLE_CHARS, TEMPLATE_KINDS } from '~/domain/contract-template.ts'

export const TemplateSchema = z.object({
	intent: z.literal('save'),
	kind: z.enum(TEMPLATE_KINDS, { required_error: 'required', invalid_type_error: 'invalid' }),
	title: z.string({ required_error: 'required' }).trim().min(1, 'required').max(MAX_TITLE_CHARS, 'tooLong'),
	body: z.string({ required_error: 'required' }).min(1, 'required').max(MAX_TEMPLATE_CHARS, 'tooLong'),
	note: z.string().trim().max(200, 'tooLong').optional(),
})
