// Notifications by e-mail and SMS (issue 12, decision 032) against a real migrated database: the
// delivery run sends each new notification on the channels its user chose, records what each did,
// sends nothing twice, retries a failing provider then gives up, skips disabled accounts and rows
// from before delivery existed; preferences are per kind; the log sender writes JSON lines.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/database.ts'

let dir: string
let prisma: (typeof import('~/utils/db.server.ts'))['prisma']
let delivery: typeof import('~/models/delivery.server.ts')
let notify: (typeof import('~/models/notification.server.ts'))['notify']
type Sent = { channel: string; to: string; subject: string; text: string; link: string; kind: string }
let sent: Sent[]
const capture = (channel: string, fail?: () => boolean) => ({
	name: 'capture',
	send: async (m: Omit<Sent, 'channel'>) => {
		if (fail?.()) throw new Error('provider down')
		sent.push({ channel, ...m })
	},
})
let buyer: { id: string; role: string }
let noContact: { id: string; role: string }
let disabled: { id: string; role: string }

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-test-'))
	process.env.DATABASE_URL = await createTestDatabase(dir)
	;({ prisma } = await import('~/utils/db.server.ts'))
	delivery = await import('~/models/delivery.server.ts')
	;({ notify } = await import('~/models/notification.server.ts'))
	buyer = await prisma.user.create({ data: { name: '王建明', role: 'BUYER', email: 'wang@example.cn', phone: '13800000001' }, select: { id: true, role: true } })
	noContact = await prisma.user.create({ data: { name: '李四', role: 'BUYER' }, select: { id: true, role: true } })
	disabled = await prisma.user.create({ data: { name: '赵六', role: 'BUYER', email: 'zhao@example.cn', disabled: true }, select: { id: true, role: true } })
}, 120_000)

afterAll(async () => {
	await prisma?.$disconnect()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const won = { kind: 'bidding-won' as const, params: { listingId: 'l1', listing: '北滩水浇地', amount: 450, priceUnit: 'YUAN_PER_MU_YEAR' as const }, link: '/listings/l1' }
const lost = { kind: 'bidding-lost' as const, params: { listingId: 'l1', listing: '北滩水浇地', deposit: 2000 }, link: '/listings/l1' }
const logOf = async (userId: string) => (await prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: 'asc' }, select: { deliveredAt: true, deliveryLog: true, deliveryAttempts: true } })).map((n) => ({ ...n, deliveryLog: JSON.parse(n.deliveryLog ?? 'null') }))

describe('notification delivery', { timeout: 60_000 }, () => {
	it('sends by e-mail by default and by SMS when chosen, per kind; records what each channel did; sends nothing twice', async () => {
		sent = []
		await delivery.savePreferences(buyer, new Map([['bidding-lost', { email: false, sms: true }]]))
		const prefs = await delivery.preferencesOf(buyer)
		expect(prefs.find((p) => p.kind === 'bidding-lost')).toEqual({ kind: 'bidding-lost', email: false, sms: true })
		// Saving sets every kind of the role: unticked ones are off.
		expect(prefs.find((p) => p.kind === 'bidding-won')).toEqual({ kind: 'bidding-won', email: false, sms: false })
		await delivery.savePreferences(buyer, new Map([['bidding-lost', { email: false, sms: true }], ['bidding-won', { email: true, sms: false }]]))

		await prisma.$transaction((tx) => notify(tx, [buyer.id, noContact.id, disabled.id], won))
		await prisma.$transaction((tx) => notify(tx, [buyer.id], lost))
		const senders = { email: capture('email'), sms: capture('sms') }
		expect(await delivery.drainDeliveries(senders)).toMatchObject({ sent: 2, failed: 0 })
		expect(sent.map((m) => [m.channel, m.to, m.kind])).toEqual([
			['email', 'wang@example.cn', 'bidding-won'],
			['sms', '13800000001', 'bidding-lost'],
		])
		expect(sent[0].subject).toBe('【树林召镇农村产权服务中心】恭喜，您已竞得')
		expect(sent[0].text).toContain('北滩水浇地：成交价 450 元/亩·年')
		expect(sent[0].text.split('\n').at(-1)).toBe('/listings/l1')
		expect(sent[0].link).toBe('/listings/l1')
		expect((await logOf(buyer.id)).map((n) => n.deliveryLog)).toEqual([
			{ email: 'sent', sms: 'off' },
			{ email: 'off', sms: 'sent' },
		])
		expect((await logOf(noContact.id))[0].deliveryLog).toEqual({ email: 'no-address', sms: 'off' })
		expect((await logOf(disabled.id))[0].deliveryLog).toEqual({ email: 'no-address', sms: 'off' })
		expect(await delivery.drainDeliveries(senders)).toEqual({ sent: 0, skipped: 0, failed: 0 })
		expect(sent).toHaveLength(2)
	})

	it('sends each message in the language its reader last chose on the site', async () => {
		sent = []
		const reader = await prisma.user.create({ data: { name: 'Anna Li', role: 'BUYER', email: 'anna@example.com' }, select: { id: true, role: true } })
		await delivery.rememberLocale(reader.id, 'en')
		await prisma.$transaction((tx) => notify(tx, [reader.id, buyer.id], won))
		await delivery.savePreferences(buyer, new Map([['bidding-won', { email: true, sms: false }]]))
		expect(await delivery.drainDeliveries({ email: capture('email'), sms: capture('sms') })).toMatchObject({ sent: 2 })
		const byTo = new Map(sent.map((m) => [m.to, m]))
		expect(byTo.get('anna@example.com')?.subject).toBe('[Shulinzhao Town Rural Property Service Centre] Congratulations, you won the bidding')
		expect(byTo.get('anna@example.com')?.text).toContain('北滩水浇地')
		expect(byTo.get('wang@example.cn')?.subject).toBe('【树林召镇农村产权服务中心】恭喜，您已竞得')
		// Back to Chinese: the next message is in Chinese.
		await delivery.rememberLocale(reader.id, 'zh')
		sent = []
		await prisma.$transaction((tx) => notify(tx, [reader.id], won))
		await delivery.drainDeliveries({ email: capture('email'), sms: capture('sms') })
		expect(sent.map((m) => m.subject)).toEqual(['【树林召镇农村产权服务中心】恭喜，您已竞得'])
	})

	it('keeps a notification whose provider fails for later runs, without resending what went out, then gives up', async () => {
		sent = []
		await delivery.savePreferences(buyer, new Map([['bidding-won', { email: true, sms: true }]]))
		await prisma.$transaction((tx) => notify(tx, [buyer.id], won))
		let down = true
		const senders = { email: capture('email'), sms: capture('sms', () => down) }
		expect(await delivery.drainDeliveries(senders)).toMatchObject({ sent: 1, failed: 1 })
		const [first] = (await logOf(buyer.id)).slice(-1)
		expect(first).toMatchObject({ deliveredAt: null, deliveryAttempts: 1, deliveryLog: { email: 'sent', sms: 'failed: provider down' } })
		down = false
		expect(await delivery.drainDeliveries(senders)).toMatchObject({ sent: 1, failed: 0 })
		expect(sent.map((m) => m.channel)).toEqual(['email', 'sms'])
		const [second] = (await logOf(buyer.id)).slice(-1)
		expect(second.deliveredAt).not.toBeNull()
		expect(second.deliveryLog).toEqual({ email: 'sent', sms: 'sent' })

		await prisma.$transaction((tx) => notify(tx, [buyer.id], won))
		const never = { email: capture('email'), sms: capture('sms', () => true) }
		for (let i = 0; i < 5; i++) await delivery.drainDeliveries(never)
		const [given] = (await logOf(buyer.id)).slice(-1)
		expect(given).toMatchObject({ deliveryAttempts: 5, deliveryLog: { email: 'sent', sms: 'failed: provider down' } })
		expect(given.deliveredAt).not.toBeNull()
	})

	it('sends nothing for rows that predate delivery, and nothing at all with both channels off', async () => {
		sent = []
		await prisma.notification.create({ data: { userId: buyer.id, kind: 'bidding-won', params: JSON.stringify(won.params), deliveredAt: new Date() } })
		expect(await delivery.drainDeliveries({ email: capture('email'), sms: capture('sms') })).toEqual({ sent: 0, skipped: 0, failed: 0 })
		await prisma.$transaction((tx) => notify(tx, [buyer.id], won))
		expect(await delivery.drainDeliveries({ email: null, sms: null })).toEqual({ sent: 0, skipped: 0, failed: 0 })
		expect(await prisma.notification.count({ where: { deliveredAt: null } })).toBe(1)
	})

	it('writes JSON lines with the log sender', async () => {
		const file = path.join(dir, 'log', 'notifications.log')
		const sender = delivery.logSender('sms', file)
		await sender.send({ to: '13800000001', subject: '竞价已结束', text: '北滩水浇地', link: '', kind: 'bidding-lost' })
		await sender.send({ to: '13800000001', subject: '竞价已结束', text: '二', link: '', kind: 'bidding-lost' })
		const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>)
		expect(lines.map((l) => [l.channel, l.to, l.text])).toEqual([
			['sms', '13800000001', '北滩水浇地'],
			['sms', '13800000001', '二'],
		])
	})
})
