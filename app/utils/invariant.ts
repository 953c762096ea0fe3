// One way to stop a loader or action with an HTTP answer (the Epic Stack's invariantResponse).
// Most of ours are "no such thing, or not yours", so the default is 404: a record outside the
// reader's scope answers exactly like one that does not exist.

export function invariantResponse(condition: unknown, message: string | (() => string) = 'Not found', responseInit?: ResponseInit): asserts condition {
	if (!condition) {
		throw new Response(typeof message === 'function' ? message() : message, { status: 404, ...responseInit })
	}
}
