import { describe, expect, it } from 'vitest'
import { indexTokens, matchQuery, tsQuery } from './search-tokens.ts'

describe('search tokens', () => {
	it('indexes Chinese as unigrams and bigrams', () => {
		expect(indexTokens('农家院子')).toBe('农 农家 家 家院 院 院子 子')
	})
	it('indexes latin words whole and lowercased', () => {
		expect(indexTokens('WiFi 120平米')).toBe('wifi 120 平 平米 米')
	})
	it('builds a match of bigrams for a Chinese query', () => {
		expect(matchQuery('院子')).toBe('"院子"')
		expect(matchQuery('水浇耕地')).toBe('"水浇" AND "浇耕" AND "耕地"')
		expect(matchQuery('院')).toBe('"院"')
	})
	it('neutralises FTS operators and punctuation', () => {
		expect(matchQuery('"院子" OR NEAR(')).toBe('"院子" AND "or"* AND "near"*')
		expect(matchQuery('  !!! ')).toBeNull()
		expect(matchQuery('')).toBeNull()
	})
	it('bounds very long queries', () => {
		const q = matchQuery('地'.repeat(10_000))
		expect(q).toBe('"地地"')
		expect(matchQuery('耕地林地草地荒地'.repeat(2000))!.split(' AND ').length).toBeLessThanOrEqual(32)
	})
	it('builds the same query as a PostgreSQL tsquery, operators and quotes neutralised', () => {
		expect(tsQuery('水浇耕地 WiFi')).toBe("'水浇' & '浇耕' & '耕地' & 'wifi':*")
		expect(tsQuery('院')).toBe("'院'")
		expect(tsQuery("'院子' | !NEAR & <->")).toBe("'院子' & 'near':*")
		expect(tsQuery('  !!! ')).toBeNull()
		expect(tsQuery('耕地林地草地荒地'.repeat(2000))!.split(' & ').length).toBeLessThanOrEqual(32)
	})
})
