import type { Prisma } from '@prisma/client'
import { prisma } from '~/utils/db.server.ts'

type Tx = Prisma.TransactionClient

export type NotificationInput = { kind: string; title: string; body: string; link?: string | null }

/** Notifies users inside the transaction of the change they hear about. */
export async function notify(tx: Tx, userIds: string[], n: NotificationInput) {
	const unique = Array.from(new Set(userIds))
	if (unique.length === 0) return
	await tx.notification.createMany({
		data: unique.map((userId) => ({ userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null })),
	})
}

export async function villageUserIds(tx: Tx, villageId: string) {
	const users = await tx.user.findMany({ where: { villageId, role: 'VILLAGE', disabled: false }, select: { id: true } })
	return users.map((u) => u.id)
}

export async function reviewerIds(tx: Tx, townId: string) {
	const users = await tx.user.findMany({ where: { townId, role: 'REVIEWER', disabled: false }, select: { id: true } })
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
		select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
	})
}

/** Marks the user's own notifications read (all, or one). */
export async function markRead(userId: string, id?: string) {
	await prisma.notification.updateMany({ where: { userId, readAt: null, ...(id ? { id } : {}) }, data: { readAt: new Date() } })
}
