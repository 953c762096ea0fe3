// Single fetch (remix.config.js future.v3_singleFetch): loader and action data are typed as
// turbo-stream sends them. Our loaders return json(), so their types stay JSON's.
import '@remix-run/node'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}
