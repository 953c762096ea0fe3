// The actions of an import's preview page, by `intent`: save the field mapping and village choices
// (the preview is computed again), commit (runs on in the background), cancel.
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { PARCEL_FIELDS, type ParcelField } from '~/domain/parcel-fields.ts'
import { cancelImport, discardStaged, getImport } from '~/models/data-import.server.ts'
import { remapParcelImport, startParcelCommit } from '~/models/parcel-import.server.ts'
import { invariantResponse } from '~/utils/invariant.ts'
import type { ActionAnswer, ImportNotice } from '~/utils/parcel-import-page.ts'


const Intent = z.enum(['choices', 'commit', 'cancel'])
const Name = z.string().max(200)

/** `field.<name>` → a column (empty: none); `village.<14-digit code>` → a village id (empty: not chosen). */
function readChoices(form: FormData) {
	const fields: Partial<Record<ParcelField, string | null>> = {}
	const villages: Record<string, string> = {}
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string') continue
		const column = Name.safeParse(value)
		invariantResponse(column.success, 'A choice is too long.', { status: 400 })
		if (key.startsWith('field.')) {
			const field = key.slice('field.'.length) as ParcelField
			invariantResponse(PARCEL_FIELDS.includes(field), 'Unknown field.', { status: 400 })
			fields[field] = value || null
		} else if (key.startsWith('village.')) {
			const code = key.slice('village.'.length)
			invariantResponse(/^\d{14}$/.test(code), 'Unknown employer code.', { status: 400 })
			if (value) villages[code] = value
		}
	}
	return { fields, villages }
}

export async function changeParcelImport(id: string, actorId: string, form: FormData) {
	const intent = Intent.safeParse(form.get('intent'))
	invariantResponse(intent.success, 'Unknown intent', { status: 400 })
	const row = await getImport(id, 'PARCELS')
	invariantResponse(row, 'Not found', { status: 404 })
	const back = (notice: ImportNotice) => redirect(`/admin/imports/parcels/${id}?notice=${notice}`)
	if (intent.data === 'choices') {
		if (!(await remapParcelImport(id, readChoices(form)))) return data<ActionAnswer>({ problem: 'notWaiting' }, { status: 409 })
		return back('saved')
	}
	if (intent.data === 'commit') {
		if (row.status !== 'PREVIEW') return data<ActionAnswer>({ problem: 'notWaiting' }, { status: 409 })
		if (!(await startParcelCommit(id, actorId))) return data<ActionAnswer>({ problem: 'cannotCommit' }, { status: 409 })
		return back('started')
	}
	const cancelled = await cancelImport(id, actorId)
	if (cancelled === 'finishing') return data<ActionAnswer>({ problem: 'finishing' }, { status: 409 })
	if (cancelled !== 'cancelled') return data<ActionAnswer>({ problem: 'notWaiting' }, { status: 409 })
	// A running commit removes its staged file when it sees the cancel; a preview's goes now.
	if (row.status === 'PREVIEW') await discardStaged(row.stagedFile)
	return back('cancelled')
}
