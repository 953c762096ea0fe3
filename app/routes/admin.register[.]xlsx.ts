import type { LoaderFunctionArgs } from '@remix-run/node'
import i18next from '~/i18next.server.ts'
import { registerWorkbook } from '~/models/filing-register.server.ts'
import { now } from '~/utils/clock.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

// GET /admin/register.xlsx — every town's register of filed contracts (or one town's), with the page's filters.
export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'register:all')
	const t = await i18next.getFixedT(request, ['filing', 'ledger', 'common'])
	return registerWorkbook(new URL(request.url), null, t, now())
}
