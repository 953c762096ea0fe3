import { describe, expect, it } from 'vitest'
import { isPlaceIntent, keepTownFilter, placeFormId, placesHref, TownCreateSchema } from './place-form.ts'

describe('the places page forms', () => {
	it('knows its four intents and nothing else, not even Object.prototype’s keys', () => {
		expect(isPlaceIntent('create-town')).toBe(true)
		expect(isPlaceIntent('update-village')).toBe(true)
		expect(isPlaceIntent('toString')).toBe(false)
		expect(isPlaceIntent('__proto__')).toBe(false)
		expect(isPlaceIntent(null)).toBe(false)
	})
	it('names the create forms by intent and the edit forms by record', () => {
		expect(placeFormId('create-village', 'x')).toBe('create-village')
		expect(placeFormId('update-town', 't1')).toBe('update-town-t1')
	})
	it('goes back to the list with the town filter, or to the new town', () => {
		expect(placesHref(new URLSearchParams('town=shulinzhao&editTown=1'), 'townUpdated')).toBe('/admin/places?town=shulinzhao&done=townUpdated')
		expect(placesHref(new URLSearchParams(''), 'townCreated', 'new-town')).toBe('/admin/places?town=new-town&done=townCreated')
		expect(placesHref(new URLSearchParams(''), 'villageUpdated')).toBe('/admin/places?done=villageUpdated')
	})
	it('keeps the town filter on the page’s own links', () => {
		expect(keepTownFilter('shulinzhao', { editVillage: 'v1' })).toBe('?town=shulinzhao&editVillage=v1')
		expect(keepTownFilter('')).toBe('?')
	})
	it('lower-cases a code and refuses coordinates outside China', () => {
		const ok = TownCreateSchema.safeParse({ code: 'New-Town', name: '新镇', nameEn: 'New Town', kind: 'TOWN', lat: '40.4', lng: '110' })
		expect(ok.success && ok.data.code).toBe('new-town')
		const swapped = TownCreateSchema.safeParse({ code: 'x1', name: '新镇', nameEn: 'New Town', kind: 'TOWN', lat: '110', lng: '40.4' })
		expect(swapped.success).toBe(false)
	})
})
