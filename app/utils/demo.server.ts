// Demo mode: the demo seed's accounts share one published password so every role can be tried.
// Outside demo mode no account has a default password (see scripts/create-admin.ts).
import { prisma } from './db.server.ts'
import { env } from './env.server.ts'

export const DEMO_PASSWORD = 'demo-2026'
export const DEMO_EMAIL_DOMAIN = '@demo.local'

export const demoAccounts = [
	{ email: 'village.shulinzhao@demo.local', role: 'VILLAGE', place: '树林召镇', placeEn: 'Shulinzhao' },
	{ email: 'village.saiwusu@demo.local', role: 'VILLAGE', place: '展旦召苏木 赛乌素村', placeEn: 'Saiwusu, Zhandanzhao' },
	{ email: 'reviewer.shulinzhao@demo.local', role: 'REVIEWER', place: '树林召镇', placeEn: 'Shulinzhao' },
	{ email: 'reviewer.zhandanzhao@demo.local', role: 'REVIEWER', place: '展旦召苏木', placeEn: 'Zhandanzhao' },
	{ email: 'admin@demo.local', role: 'ADMIN', place: '', placeEn: '' },
	{ email: 'buyer1@demo.local', role: 'BUYER', place: '', placeEn: '' },
] as const

/** Demo mode unless DEMO_MODE=false, and only while the demo accounts exist. */
export async function isDemoMode() {
	if (!env().DEMO_MODE) return false
	return (await prisma.user.count({ where: { email: { endsWith: DEMO_EMAIL_DOMAIN } } })) > 0
}
