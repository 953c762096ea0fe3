// The land listing the integration tests trade: 100 mu of cropland, leased for 5 years at
// 400 元/亩/年. One builder, so the tests of bidding, deadlines and concurrent writers agree.
type Db = typeof import('~/utils/db.server.ts')

let n = 0

export function createLandListing(
	prisma: Db['prisma'],
	at: { townId: string; villageId: string; status: 'SUBMITTED' | 'PUBLISHED'; when: Date },
) {
	n++
	return prisma.listing.create({
		data: {
			type: 'LAND',
			status: at.status,
			title: `测试耕地 ${n}`,
			description: '水浇地，机井配套。',
			townId: at.townId,
			villageId: at.villageId,
			lat: 40.405,
			lng: 110.005,
			area: 100,
			areaUnit: 'mu',
			landClass: 'CROPLAND',
			price: 400,
			priceUnit: 'YUAN_PER_MU_YEAR',
			priceYuan: 40000,
			transferMode: 'LEASE',
			termYears: 5,
			submittedAt: at.when,
			publishedAt: at.status === 'PUBLISHED' ? at.when : null,
		},
		select: { id: true },
	})
}
