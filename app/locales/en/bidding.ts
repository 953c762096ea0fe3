import type { DeepStrings } from '../types.ts'
import type zh from '../zh/bidding.ts'

export default {
	title: '',
} satisfies DeepStrings<typeof zh>
