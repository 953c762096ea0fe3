import type { Prisma } from '@prisma/client'
import type { NotificationMessage } from '~/domain/notifications.ts'
import { rolesWith } from '~/domain/permissions.ts'
import { prisma } from '~/utils/db.server.ts'

type Tx = Prisma.TransactionClient

/**
 * Notifies users inside the transaction of the change they hear about. Only the kind and its
 * parameters are stored; the text is rendered in each reader's language when read (009).
 */
export async function notify(tx: Tx, userIds: string[], n: NotificationMessage) {
	const unique = Array.from(new Set(userIds))
	if (unique.length === 0) return
	const params = JSON.stringify(n.params)
	await tx.notification.createMany({
		data: unique.map((userId) => ({ userId, kind: n.kind, params, link: n.link ?? null })),
	})
}

/** Notifies each user of their own message, in one write (many buyers hear of one publish). */
export async function notifyEach(tx: Tx, messages: Array<{ userId: string; message: NotificationMessage }>) {
	if (messages.length === 0) return
	await tx.notification.createMany({
		data: messages.map(({ userId, message: n }) => ({ userId, kind: n.kind, params: JSON.stringify(n.params), link: n.link ?? null })),
	})
}

export async function villageUserIds(tx: Tx, villageId: string) {
	const users = await tx.user.findMany({ where: { villageId, role: { in: rolesWith('listing:manage:own-village') }, disabled: false }, select: { id: true } })
	return users.map((u) => u.id)
}

export async function reviewerIds(tx: Tx, townId: string) {
	const users = await tx.user.findMany({ where: { townId, role: { in: rolesWith('review:deal:town') }, disabled: false }, select: { id: true } })
	return users.map((u) => u.id)
}

export async function unreadCount(userId: string) {
	return prisma.notification.count({ where: { userId, readAt: null } })
}

export async function listNotifications(userId: string, take = 100) {
	return prisma.notification.findMany({
		where: { userId },
		orderBy: { createdAt: 'desc' },
		take,
		select: { id: true, kind: true, params: true, title: true, body: true, link: true, readAt: true, createdAt: true },
	})
}

/** Marks the user's own notifications read (all, or one). */
export async function markRead(userId: string, id?: string) {
	await prisma.notification.updateMany({ where: { userId, readAt: null, ...(id ? { id } : {}) }, data: { readAt: new Date() } })
}

/** Marks the user's own notification read and returns where it points (null: none, or not theirs). */
export async function openNotification(userId: string, id: string) {
	const n = await prisma.notification.findFirst({ where: { id, userId }, select: { link: true, readAt: true } })
	if (!n) return undefined
	if (!n.readAt) await prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: new Date() } })
	return n.link
}
