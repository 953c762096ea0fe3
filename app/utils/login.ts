import type { HeadersFunction } from '@remix-run/node'

/** An email or a mainland mobile number, normalised for lookup (shared by browser and server). */
export function normaliseLogin(login: string): { email?: string; phone?: string } {
	const trimmed = login.trim()
	if (trimmed.includes('@')) return { email: trimmed.toLowerCase() }
	return { phone: trimmed.replace(/[\s-]/g, '').replace(/^\+?86/, '') }
}

/** How long a limit asks to wait, as a translation key and count for the auth namespace ("90 秒", "3 分钟"). */
export function waitText(seconds: number): ['login.waitSeconds' | 'login.waitMinutes', { count: number }] {
	return seconds <= 90 ? ['login.waitSeconds', { count: Math.max(1, Math.ceil(seconds)) }] : ['login.waitMinutes', { count: Math.ceil(seconds / 60) }]
}

/** A route's `headers`: passes the action's Retry-After on to the page (forms posted without JavaScript). */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
	const retryAfter = actionHeaders.get('Retry-After')
	return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}
