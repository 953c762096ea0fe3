// Demo accounts for every role, with the demo password (demo mode only; README lists them).
import type { PrismaClient } from '@prisma/client'
import { hashPassword } from '../app/utils/password.server.ts'
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../app/utils/demo.server.ts'

export async function seedDemoAccounts(prisma: PrismaClient) {
	// The 树林召镇 village with the returned listing and a draft (the seed data puts the town's
	// drafts there), so its workspace has work in it.
	const returned = await prisma.listing.findFirst({
		where: { status: 'RETURNED', town: { code: 'shulinzhao' } },
		select: { villageId: true },
	})
	const shulinVillage = returned?.villageId ?? (await prisma.village.findFirstOrThrow({ where: { town: { code: 'shulinzhao' } }, select: { id: true } })).id
	const saiwusu = await prisma.village.findFirstOrThrow({ where: { code: 'saiwusu' }, select: { id: true, name: true } })
	const shulin = await prisma.village.findUniqueOrThrow({ where: { id: shulinVillage }, select: { name: true } })
	await prisma.user.createMany({
		data: [
			{ name: `${shulin.name}村民委员会`.replace('村村', '村'), email: 'village.shulinzhao@demo.local', role: 'VILLAGE', villageId: shulinVillage },
			{ name: `${saiwusu.name}村民委员会`.replace('村村', '村'), email: 'village.saiwusu@demo.local', role: 'VILLAGE', villageId: saiwusu.id },
		],
	})
	const hash = await hashPassword(DEMO_PASSWORD)
	const users = await prisma.user.findMany({ where: { email: { endsWith: DEMO_EMAIL_DOMAIN } }, select: { id: true } })
	await prisma.password.createMany({ data: users.map((u) => ({ userId: u.id, hash })) })
	return users.length
}
