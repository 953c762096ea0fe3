// /notifications/:id — opening a notification: marks it read (only the user's own) and goes where
// it points. A plain link, so it works without JS, in a new tab and from the keyboard.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { openNotification } from '~/models/notification.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'
import { safeRedirect } from '~/utils/redirect.ts'
import { invariantResponse } from '~/utils/invariant.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requirePermission(request, 'notification:read:own')
	const id = params.id ?? ''
	invariantResponse(/^[a-z0-9_-]{1,64}$/.test(id))
	const link = await openNotification(user.id, id)
	invariantResponse(link !== undefined)
	return redirect(safeRedirect(link ?? '', '/notifications'))
}
