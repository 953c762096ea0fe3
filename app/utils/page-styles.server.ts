import fs from 'node:fs/promises'
import path from 'node:path'
import { STYLESHEETS } from './page-styles.tsx'

// The built style sheets' text for the document's head, read once: their names are hashed per
// build, and a new build is a new server bundle. Null when they cannot be read, e.g. assets served
// from elsewhere: then the page links them, as it would without this.
let read: Promise<string | null> | undefined

export function pageStyles(): Promise<string | null> {
	read ??= Promise.all(STYLESHEETS.map((href) => fs.readFile(path.join(process.cwd(), 'public', href), 'utf8')))
		// `</style` cannot occur in built CSS outside a string or comment; escaped in case it does.
		.then((sheets) => sheets.join('\n').replace(/<\/style/gi, '<\\/style'))
		.catch((error: unknown) => {
			console.error('page styles: linking the style sheets, which could not be read:', error)
			return null
		})
	return read
}
