import type { DeepStrings } from '../types.ts'
import type zh from '../zh/village.ts'

export default {
	title: '',
} satisfies DeepStrings<typeof zh>
