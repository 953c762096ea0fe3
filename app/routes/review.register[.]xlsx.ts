import type { LoaderFunctionArgs } from '@remix-run/node'
import i18next from '~/i18next.server.ts'
import { registerWorkbook } from '~/models/filing-register.server.ts'
import { now } from '~/utils/clock.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

// GET /review/register.xlsx — the town's register of filed contracts, with the page's filters.
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'register:town')
	invariantResponse(user.townId, 'Not found', { status: 404 })
	const t = await i18next.getFixedT(request, ['filing', 'ledger', 'common'])
	return registerWorkbook(new URL(request.url), user.townId, t, now())
}
