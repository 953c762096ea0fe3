/**
 * React 18 puts a <textarea> back to its server-rendered text when it hydrates (an <input> it
 * leaves alone): what a person typed into one before the scripts arrived, on a slow line, was
 * lost, and the form then sent the old text. Call this before hydrating; it notes what is typed
 * into any textarea until the function it returns is called, once hydrated, which puts it back.
 */
export function keepTypedText(doc: Document = document) {
	const typed = new Map<HTMLTextAreaElement, string>()
	const note = (target: EventTarget | null) => {
		if (target instanceof HTMLTextAreaElement && target.value !== target.defaultValue) typed.set(target, target.value)
	}
	doc.querySelectorAll('textarea').forEach(note)
	const onInput = (event: Event) => note(event.target)
	doc.addEventListener('input', onInput, true)
	return function restore() {
		doc.removeEventListener('input', onInput, true)
		for (const [textarea, value] of typed) {
			// Gone (React replaced it), or typed into again since hydration: nothing to put back.
			if (!textarea.isConnected || textarea.value === value) continue
			textarea.value = value
			textarea.dispatchEvent(new Event('input', { bubbles: true }))
		}
		typed.clear()
	}
}
