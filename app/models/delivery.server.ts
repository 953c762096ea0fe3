// Notifications by e-mail and SMS (issue 12, decision 032). notify() writes the web notification in
// the transaction of the change, as before; the delivery run (the sweeping process, every 10 s,
// one instance at a time through a lease) then sends each new notification on the channels its
// user chose for that kind, through the configured senders, and records what each channel did.
// A sender that fails is tried again on later runs, then given up on; the web copy is never lost.
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { TFunction } from 'i18next'
import nodemailer from 'nodemailer'
import { channelPlan, CHANNELS, DEFAULT_PREFERENCE, kindsForRole, MAX_DELIVERY_ATTEMPTS, type Channel, type Preference } from '~/domain/notification-channels.ts'
import { isNotificationKind, type NotificationKind } from '~/domain/notifications.ts'
import { isLng, supportedLngs, type Lng } from '~/i18n-config.ts'
import { instanceFor } from '~/i18next.server.ts'
import { sendSmsQuery } from '~/utils/aliyun-sms.ts'
import { prisma } from '~/utils/db.server.ts'
import { env } from '~/utils/env.server.ts'
import { renderNotification } from '~/utils/notification-text.ts'
import { singleton } from '~/utils/singleton.server.ts'
import { holdLease } from './lease.server.ts'

/** `text` is the body with the link on its last line; `link` alone (empty when none) is what an SMS template gets. */
export type OutgoingMessage = { to: string; subject: string; text: string; link: string; kind: string }
export type Sender = { name: string; send: (m: OutgoingMessage) => Promise<void> }
export type Senders = Record<Channel, Sender | null>

/** Writes each message as a JSON line to a file: development, tests, a pilot without a provider. */
export function logSender(channel: Channel, file: string): Sender {
	return {
		name: 'log',
		async send(m) {
			await fs.mkdir(path.dirname(file), { recursive: true })
			await fs.appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), channel, ...m })}\n`)
		},
	}
}

export function smtpSender(url: string, from: string): Sender {
	const transport = nodemailer.createTransport(url)
	return {
		name: 'smtp',
		async send(m) {
			await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text })
		},
	}
}

type AliyunConfig = { accessKeyId: string; secret: string; signName: string; templateCode: string; endpoint?: string }

/**
 * Alibaba Cloud SMS (Dysmsapi SendSms). A Chinese SMS must use a template the provider approved,
 * with the message's title and link as its variables; the body stays on the web page.
 */
export function aliyunSmsSender(config: AliyunConfig, fetchImpl: typeof fetch = fetch): Sender {
	return {
		name: 'aliyun',
		async send(m) {
			const query = sendSmsQuery({ ...config, phone: m.to, templateParam: { title: m.subject.slice(0, 35), link: m.link.slice(0, 35) }, nonce: crypto.randomUUID(), timestamp: new Date() })
			const res = await fetchImpl(`${config.endpoint ?? 'https://dysmsapi.aliyuncs.com'}/?${query}`, { signal: AbortSignal.timeout(10_000) })
			const body = (await res.json().catch(() => null)) as { Code?: string; Message?: string } | null
			if (!res.ok || body?.Code !== 'OK') throw new Error(`aliyun ${res.status} ${body?.Code ?? ''} ${body?.Message ?? ''}`.trim())
		},
	}
}

/** The senders the configuration names; a provider chosen without its settings stops the process with the variables' names. */
export function sendersFromEnv(): Senders {
	const e = env()
	const file = path.resolve(e.NOTIFY_LOG_FILE)
	let email: Sender | null = null
	if (e.NOTIFY_EMAIL === 'log') email = logSender('email', file)
	if (e.NOTIFY_EMAIL === 'smtp') {
		if (!e.SMTP_URL || !e.MAIL_FROM) throw new Error('NOTIFY_EMAIL=smtp needs SMTP_URL and MAIL_FROM')
		email = smtpSender(e.SMTP_URL, e.MAIL_FROM)
	}
	let sms: Sender | null = null
	if (e.NOTIFY_SMS === 'log') sms = logSender('sms', file)
	if (e.NOTIFY_SMS === 'aliyun') {
		const { ALIYUN_SMS_ACCESS_KEY_ID: accessKeyId, ALIYUN_SMS_ACCESS_KEY_SECRET: secret, ALIYUN_SMS_SIGN_NAME: signName, ALIYUN_SMS_TEMPLATE_CODE: templateCode } = e
		if (!accessKeyId || !secret || !signName || !templateCode) throw new Error('NOTIFY_SMS=aliyun needs ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET, ALIYUN_SMS_SIGN_NAME and ALIYUN_SMS_TEMPLATE_CODE')
		sms = aliyunSmsSender({ accessKeyId, secret, signName, templateCode })
	}
	return { email, sms }
}

// ------------------------------------------------------------------ preferences

/** A user's choice for each kind their role receives (the default where they made none). */
export async function preferencesOf(user: { id: string; role: string }) {
	const rows = await prisma.notificationPreference.findMany({ where: { userId: user.id }, select: { kind: true, email: true, sms: true } })
	const chosen = new Map(rows.map((r) => [r.kind, { email: r.email, sms: r.sms }]))
	return kindsForRole(user.role).map((kind) => ({ kind, ...(chosen.get(kind) ?? DEFAULT_PREFERENCE) }))
}

/** Saves the user's choices for their role's kinds (a kind not theirs is ignored). */
export async function savePreferences(user: { id: string; role: string }, choices: Map<NotificationKind, Preference>) {
	const kinds = kindsForRole(user.role)
	await prisma.$transaction(async (tx) => {
		for (const kind of kinds) {
			const p = choices.get(kind) ?? { email: false, sms: false }
			await tx.notificationPreference.upsert({ where: { userId_kind: { userId: user.id, kind } }, create: { userId: user.id, kind, ...p }, update: p })
		}
	})
}

/** The language a user's e-mail and SMS go out in: the one they last chose on the site. */
export async function rememberLocale(userId: string, locale: Lng) {
	await prisma.user.updateMany({ where: { id: userId }, data: { locale } })
}

// ------------------------------------------------------------------ the delivery run

const BATCH = 100

function absolute(link: string | null) {
	if (!link) return ''
	const origin = env().PUBLIC_URL
	return origin ? `${origin}${link}` : link
}

/**
 * Sends the notifications not yet delivered, oldest first, a batch at a time. Each channel's
 * outcome is recorded; a failing channel keeps the notification for a later run (the channels
 * that succeeded are not sent twice) until MAX_DELIVERY_ATTEMPTS.
 */
export async function drainDeliveries(senders: Senders = sendersFromEnv(), now = new Date()) {
	const counts = { sent: 0, skipped: 0, failed: 0 }
	if (!senders.email && !senders.sms) return counts
	// Each message in the language its reader last chose on the site (Chinese when none).
	const texts = Object.fromEntries(
		await Promise.all(
			supportedLngs.map(async (locale) => {
				const i18n = await instanceFor(locale)
				const centre = env().CENTRE_NAME ?? i18n.getFixedT(locale, 'common')('centreName')
				return [locale, { t: i18n.getFixedT(locale, 'notification'), subject: (title: string) => (locale === 'zh' ? `【${centre}】${title}` : `[${centre}] ${title}`) }] as const
			}),
		),
	) as Record<Lng, { t: TFunction; subject: (title: string) => string }>
	for (;;) {
		const batch = await prisma.notification.findMany({
			where: { deliveredAt: null },
			orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
			take: BATCH,
			select: { id: true, kind: true, params: true, title: true, body: true, link: true, deliveryAttempts: true, deliveryLog: true, user: { select: { id: true, email: true, phone: true, disabled: true, locale: true } } },
		})
		if (batch.length === 0) return counts
		const prefs = await prisma.notificationPreference.findMany({ where: { OR: batch.map((n) => ({ userId: n.user.id, kind: n.kind })) }, select: { userId: true, kind: true, email: true, sms: true } })
		const prefOf = new Map(prefs.map((p) => [`${p.userId} ${p.kind}`, p]))
		for (const n of batch) {
			const before = (n.deliveryLog ? JSON.parse(n.deliveryLog) : {}) as Partial<Record<Channel, string>>
			const plan = channelPlan(prefOf.get(`${n.user.id} ${n.kind}`) ?? null, n.user.disabled ? { email: null, phone: null } : n.user)
			const locale: Lng = isLng(n.user.locale) ? n.user.locale : 'zh'
			const text = renderNotification(texts[locale].t, locale, n)
			const log: Partial<Record<Channel, string>> = {}
			let failed = false
			for (const channel of CHANNELS) {
				if (before[channel] === 'sent') log[channel] = 'sent'
				else if (plan[channel] !== 'send' || !isNotificationKind(n.kind)) log[channel] = plan[channel] === 'send' ? 'off' : plan[channel]
				else if (!senders[channel]) log[channel] = 'off'
				else {
					try {
						const to = channel === 'email' ? n.user.email! : n.user.phone!
						const link = absolute(n.link)
						await senders[channel].send({ to, kind: n.kind, subject: channel === 'email' ? texts[locale].subject(text.title) : text.title, text: [text.body, link].filter(Boolean).join('\n'), link })
						log[channel] = 'sent'
						counts.sent++
					} catch (error) {
						failed = true
						log[channel] = `failed: ${error instanceof Error ? error.message.slice(0, 200) : 'error'}`
						counts.failed++
					}
				}
			}
			if (!failed) counts.skipped += CHANNELS.filter((c) => log[c] !== 'sent').length
			const attempts = n.deliveryAttempts + 1
			const done = !failed || attempts >= MAX_DELIVERY_ATTEMPTS
			await prisma.notification.update({ where: { id: n.id }, data: { deliveryAttempts: attempts, deliveryLog: JSON.stringify(log), deliveredAt: done ? now : null } })
		}
		// A batch with failures waits for the next run rather than spinning on a provider that is down.
		if (batch.length < BATCH || counts.failed > 0) return counts
	}
}

const DELIVERY_LEASE_MS = 60_000

/** Starts the delivery run in the sweeping process: every 10 s, one instance at a time. */
export function startDelivery(intervalMs = 10_000) {
	singleton('delivery', () => {
		const senders = sendersFromEnv()
		const timer = setInterval(() => {
			holdLease('delivery', DELIVERY_LEASE_MS)
				.then((held: boolean) => (held ? drainDeliveries(senders) : null))
				.catch((error: unknown) => console.error('notification delivery failed', error))
		}, intervalMs)
		timer.unref()
		return timer
	})
}
