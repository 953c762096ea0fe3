import type { DeepStrings } from '../types.ts'
import type zh from '../zh/deal.ts'

export default {
	title: '',
} satisfies DeepStrings<typeof zh>
