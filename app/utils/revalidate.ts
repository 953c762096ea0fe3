import type { ShouldRevalidateFunction } from '@remix-run/react'

/**
 * Single fetch no longer reloads loaders after an action answers 4xx/5xx; before it, Remix did.
 * A refused submission often means the data changed under the user (a deal decided meanwhile, a
 * higher bid, an inquiry closed: 409), so pages with actions, their layouts and the root reload
 * as they used to. Other navigations keep Remix's default.
 */
export const revalidateAfterRefusal: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
	actionStatus !== undefined && actionStatus >= 400 ? true : defaultShouldRevalidate
