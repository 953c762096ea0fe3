import type { LoaderFunctionArgs } from '@remix-run/node'
import i18next from '~/i18next.server.ts'
import { ledgerWorkbook, type TemplateText } from '~/models/ledger-import/template.server.ts'
import { xlsxResponse } from '~/models/ledger.server.ts'
import { now } from '~/utils/clock.server.ts'
import { requirePermission } from '~/utils/permissions.server.ts'

// GET /admin/imports/ledger/template.xlsx — the empty 台账 template, written from the one column
// definition (app/domain/ledger-row.ts); its notes sheet in the reader's language, its headers
// always the Chinese ones the reader expects.
export async function loader({ request }: LoaderFunctionArgs) {
	await requirePermission(request, 'admin:imports')
	const t = await i18next.getFixedT(request, 'filing')
	const text = t('template', { returnObjects: true }) as TemplateText
	const buffer = Buffer.from(await ledgerWorkbook(text).xlsx.writeBuffer())
	return xlsxResponse(buffer, text.fileName, 'ledger-template', now())
}
