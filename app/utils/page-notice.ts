/**
 * A notice named in the URL after a redirect (`?notice=saved`), if it is one the page knows:
 * anything else shows nothing, so a crafted link cannot put words on the page.
 */
export function knownValue<T extends string>(list: readonly T[], value: string | null): T | null {
	return list.find((item) => item === value) ?? null
}
