// A ZIP's files in memory, read with the project's unzip library: for the tests of the dossier and
// of the documents it carries (Vitest and e2e alike).
import yauzl from 'yauzl'

export function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
	return new Promise((resolve, reject) => {
		yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
			if (error) return reject(error)
			const files = new Map<string, Buffer>()
			zip.on('entry', (entry: yauzl.Entry) =>
				zip.openReadStream(entry, (e, stream) => {
					if (e) return reject(e)
					const chunks: Buffer[] = []
					stream.on('data', (c: Buffer) => chunks.push(c))
					stream.on('end', () => {
						files.set(entry.fileName, Buffer.concat(chunks))
						zip.readEntry()
					})
				}),
			)
			zip.on('end', () => resolve(files))
			zip.readEntry()
		})
	})
}

/** One file of a ZIP; an error when it is not there. */
export async function zipEntry(bytes: Buffer, name: string) {
	const file = (await unzip(bytes)).get(name)
	if (!file) throw new Error(`${name} is not in the ZIP`)
	return file
}
