// The notification settings form (/notifications/settings): one checkbox per kind and channel,
// named `email:<kind>` and `sms:<kind>`, present when ticked. Shared by the action and its tests.
import { z } from 'zod'
import type { CHANNELS, Preference } from '~/domain/notification-channels.ts'
import { isNotificationKind, type NotificationKind } from '~/domain/notifications.ts'

const CHOICE = /^(email|sms):([a-z-]{1,40})$/

export const SettingsSchema = z
	.object({ intent: z.literal('save') })
	.catchall(z.literal('on', { errorMap: () => ({ message: 'invalid' }) }))
	.superRefine((v, ctx) => {
		for (const key of Object.keys(v)) {
			if (key === 'intent') continue
			const m = CHOICE.exec(key)
			if (!m || !isNotificationKind(m[2])) ctx.addIssue({ code: 'custom', path: [key], message: 'invalid' })
		}
	})

/** The ticked boxes as each kind's choice (unticked: off). */
export function choicesFrom(value: z.infer<typeof SettingsSchema>) {
	const choices = new Map<NotificationKind, Preference>()
	for (const key of Object.keys(value)) {
		const m = CHOICE.exec(key)
		if (!m || !isNotificationKind(m[2])) continue
		const p = choices.get(m[2]) ?? { email: false, sms: false }
		p[m[1] as (typeof CHANNELS)[number]] = true
		choices.set(m[2], p)
	}
	return choices
}
