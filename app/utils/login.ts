/** An email or a mainland mobile number, normalised for lookup (shared by browser and server). */
export function normaliseLogin(login: string): { email?: string; phone?: string } {
	const trimmed = login.trim()
	if (trimmed.includes('@')) return { email: trimmed.toLowerCase() }
	return { phone: trimmed.replace(/[\s-]/g, '').replace(/^\+?86/, '') }
}
