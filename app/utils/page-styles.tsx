import leafletCss from 'leaflet/dist/leaflet.css'
import { createContext, useContext } from 'react'
import appCss from '../../styles/app.css'

// The style sheets every page uses, in the order they apply: Leaflet's defaults first, so our map
// styles (a plain background when tiles fail) win. They are written into the document's head
// rather than linked (decision 046): a first visit paints without waiting for a request that
// blocks rendering. Navigations after it are made in the browser and fetch no document.
export const STYLESHEETS = [leafletCss, appCss]
const STYLE_ID = 'page-styles'

/** The sheets' text (null: link them instead), from entry.server or, in the browser, the page. */
const PageStylesContext = createContext<string | null>(null)
export const PageStylesProvider = PageStylesContext.Provider

/** In the browser: what the server wrote, so hydration renders the same element. */
export function inlinedPageStyles(): string | null {
	return document.getElementById(STYLE_ID)?.textContent ?? null
}

export function PageStyles() {
	const css = useContext(PageStylesContext)
	if (css === null) return STYLESHEETS.map((href) => <link key={href} rel="stylesheet" href={href} />)
	// Built CSS, no user data; as inner HTML so its quotes are not entity-escaped.
	return <style id={STYLE_ID} dangerouslySetInnerHTML={{ __html: css }} />
}
