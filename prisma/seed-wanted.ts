// The demo's wanted posts (求租/求购, issue 13): a few buyers' published posts, so /wanted and the
// villages' workspace show what the feature looks like. Published through their town's reviewer
// a few days before the seed runs, so they are up for most of their 90 days.
import type { PrismaClient } from '@prisma/client'
import { wantedExpiry } from '../app/domain/wanted.ts'
import { DEMO_USERS, stableId, TOWNS } from './seed-data.ts'

const DAY = 86_400_000

type Post = {
	buyer: string
	kind: 'RENT' | 'BUY'
	title: string
	towns: string[]
	type: 'LAND' | 'FARMHOUSE' | 'COLLECTIVE_ASSET'
	area: [number | null, number | null, 'mu' | 'm2']
	budget: [number | null, number | null, 'YUAN_PER_MU_YEAR' | 'YUAN_PER_YEAR' | 'WAN_YUAN']
	use: string
	term: number | null
	contact: string
	phone: string
	daysAgo: number
}

const POSTS: Post[] = [
	{
		buyer: 'buyer5@demo.local',
		kind: 'RENT',
		title: '求租连片水浇地 300 亩以上',
		towns: ['shulinzhao', 'wangaizhao'],
		type: 'LAND',
		area: [300, 1500, 'mu'],
		budget: [null, 650, 'YUAN_PER_MU_YEAR'],
		use: '合作社种植籽粒玉米和向日葵，需能机械化作业、有机井或黄灌条件。',
		term: 10,
		contact: '韩经理',
		phone: '13947700001',
		daysAgo: 6,
	},
	{
		buyer: 'buyer3@demo.local',
		kind: 'RENT',
		title: '求租临路农家院一处，做农家乐',
		towns: ['shulinzhao'],
		type: 'FARMHOUSE',
		area: [200, 800, 'm2'],
		budget: [null, 20000, 'YUAN_PER_YEAR'],
		use: '开办农家乐和民宿，院内需有 4 间以上正房，通水通电，靠近公路。',
		term: 8,
		contact: '王先生',
		phone: '13947700002',
		daysAgo: 3,
	},
	{
		buyer: 'buyer2@demo.local',
		kind: 'RENT',
		title: '求租仓库或闲置厂房存放农机',
		towns: ['bainijing', 'wangaizhao'],
		type: 'COLLECTIVE_ASSET',
		area: [300, null, 'm2'],
		budget: [null, 40000, 'YUAN_PER_YEAR'],
		use: '存放收割机、播种机等农机具，需有硬化院落，大车能进出。',
		term: 5,
		contact: '张女士',
		phone: '13947700003',
		daysAgo: 10,
	},
]

export async function writeDemoWanted(prisma: PrismaClient, today = new Date()) {
	const townId = (code: string) => TOWNS.find((t) => t.code === code)!.id
	const buyerId = (email: string) => DEMO_USERS.find((u) => u.email === email)!.id
	for (const p of POSTS) {
		const id = stableId('wanted', p.title)
		const publishedAt = new Date(today.getTime() - p.daysAgo * DAY)
		const town = townId(p.towns[0])
		await prisma.wantedPost.create({
			data: {
				id,
				buyerId: buyerId(p.buyer),
				kind: p.kind,
				status: 'PUBLISHED',
				title: p.title,
				townId: town,
				areaMin: p.area[0],
				areaMax: p.area[1],
				areaUnit: p.area[2],
				budgetMin: p.budget[0],
				budgetMax: p.budget[1],
				priceUnit: p.budget[2],
				intendedUse: p.use,
				termYears: p.term,
				contactName: p.contact,
				contactPhone: p.phone,
				submittedAt: new Date(publishedAt.getTime() - DAY),
				publishedAt,
				expiresAt: wantedExpiry(publishedAt),
				createdAt: new Date(publishedAt.getTime() - 2 * DAY),
				targets: { create: p.towns.map((code, position) => ({ townId: townId(code), type: p.type, position })) },
			},
		})
		// Reviewed by the first town's reviewer where the demo has one, else by the administrator.
		const reviewer = DEMO_USERS.find((u) => u.role === 'REVIEWER' && u.townId === town) ?? DEMO_USERS.find((u) => u.role === 'ADMIN')!
		await prisma.review.create({ data: { kind: 'WANTED', wantedPostId: id, reviewerId: reviewer.id, decision: 'APPROVE', opinion: '信息完整，同意发布。', createdAt: publishedAt } })
	}
	return POSTS.length
}
