// The administrator's contract-template form (/admin/contracts): shared by conform in the browser
// and the action. The text's own rules (placeholders, braces) are checked here too, so the browser
// shows them at once; the model checks them again, and the page count, which needs the PDF.
import { z } from 'zod'
import { MAX_TEMPLATE_CHARS, MAX_TITLE_CHARS, TEMPLATE_KINDS, templateProblems } from '~/domain/contract-template.ts'

export const TemplateSchema = z.object({
	intent: z.literal('save'),
	kind: z.enum(TEMPLATE_KINDS, { required_error: 'required', invalid_type_error: 'invalid' }),
	title: z.string({ required_error: 'required' }).trim().min(1, 'required').max(MAX_TITLE_CHARS, 'tooLong'),
	body: z.string({ required_error: 'required' }).min(1, 'required').max(MAX_TEMPLATE_CHARS, 'tooLong'),
	note: z.string().trim().max(200, 'tooLong').optional(),
}).superRefine((v, ctx) => {
	// The message is the problem's code, and after a '|' the names it is about (as the action reports the model's).
	for (const p of templateProblems(v.title, v.body)) {
		if (p.code === 'unknownPlaceholder') ctx.addIssue({ code: 'custom', path: ['body'], message: `${p.code}|${p.names.join('、')}` })
		else if (p.code === 'unclosed' || p.code === 'parcelsInline') ctx.addIssue({ code: 'custom', path: ['body'], message: p.code })
	}
})
