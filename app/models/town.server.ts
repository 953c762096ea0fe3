import { prisma } from '~/utils/db.server.ts'

/** Towns with their villages, for filters and map labels (a few dozen rows). */
export async function getTownsWithVillages() {
	return prisma.town.findMany({
		select: {
			code: true,
			name: true,
			nameEn: true,
			kind: true,
			lat: true,
			lng: true,
			villages: { select: { code: true, name: true, nameEn: true, isDemo: true }, orderBy: { code: 'asc' } },
		},
		orderBy: { code: 'asc' },
	})
}
