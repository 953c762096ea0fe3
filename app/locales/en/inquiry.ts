import type { DeepStrings } from '../types.ts'
import type zh from '../zh/inquiry.ts'

export default {
	title: '',
} satisfies DeepStrings<typeof zh>
