// The server matched its ~100 routes from scratch several times per request (flatten, rank and
// compile a regular expression per route): 11.5 % of a loaded server's CPU. patches/ keeps each
// route tree's ranked branches, compiled paths and render routes (docs/decisions/037). These tests
// load the CommonJS files the server runs (not the ESM builds Vite would pick), so they fail if
// `npm ci` did not apply the patches.
import { createRequire } from 'node:module'
import { afterEach, expect, it, vi } from 'vitest'

const require = createRequire(import.meta.url)
type RouteObject = { id: string; path?: string; index?: boolean; children?: RouteObject[] }
const router = require('@remix-run/router') as {
	matchRoutes: (routes: RouteObject[], location: string) => { route: RouteObject; params: Record<string, string> }[] | null
}

/** A tree like the app's: a root with many siblings, some nested, some with parameters. */
function routeTree(): RouteObject[] {
	const children: RouteObject[] = [{ id: 'index', index: true }]
	for (let i = 0; i < 60; i++) children.push({ id: `page${i}`, path: `page-${i}` })
	children.push({ id: 'listing', path: 'listings/:id' }, { id: 'review', path: 'review', children: [{ id: 'review-listing', path: 'listings/:id' }] })
	return [{ id: 'root', path: '', children }]
}

afterEach(() => vi.restoreAllMocks())

it('matches the same route tree again without compiling a path, and matches it right', () => {
	const routes = routeTree()
	expect(router.matchRoutes(routes, '/page-59')!.at(-1)!.route.id).toBe('page59')
	// Each path is compiled the first time a match tries it; /nowhere tries every one.
	expect(router.matchRoutes(routes, '/nowhere')).toBeNull()
	const RealRegExp = globalThis.RegExp
	let compiled = 0
	globalThis.RegExp = new Proxy(RealRegExp, {
		construct(target, args) {
			compiled++
			return new target(...(args as [string, string?]))
		},
	})
	try {
		for (let i = 0; i < 20; i++) {
			expect(router.matchRoutes(routes, '/listings/abc')!.map((m) => m.route.id)).toEqual(['root', 'listing'])
			expect(router.matchRoutes(routes, '/review/listings/x1')!.at(-1)!.params).toEqual({ id: 'x1' })
			expect(router.matchRoutes(routes, '/')!.at(-1)!.route.id).toBe('index')
			expect(router.matchRoutes(routes, '/nowhere')).toBeNull()
		}
	} finally {
		globalThis.RegExp = RealRegExp
	}
	expect(compiled).toBe(0)
	// A different tree (another build) is matched on its own terms.
	const other: RouteObject[] = [{ id: 'other', path: '/', children: [{ id: 'only', path: 'listings/:slug' }] }]
	expect(router.matchRoutes(other, '/listings/abc')!.at(-1)!.params).toEqual({ slug: 'abc' })
	expect(router.matchRoutes(other, '/page-1')).toBeNull()
})

it('makes the render routes and their data routes once per build, not per request', () => {
	const routesModule = require('@remix-run/react/dist/routes.js') as { createServerRoutes: (...args: unknown[]) => unknown }
	const createServerRoutes = vi.spyOn(routesModule, 'createServerRoutes')
	const { RemixServer } = require('@remix-run/react/dist/server.js') as { RemixServer: (props: object) => unknown }
	const manifestRoutes = { root: { id: 'root', path: '', hasLoader: false, hasAction: false, module: '/root.js' } }
	const context = () => ({
		manifest: { routes: manifestRoutes },
		routeModules: { root: { default: () => null } },
		future: {},
		isSpaMode: false,
		staticHandlerContext: { basename: '', location: { pathname: '/', search: '', hash: '', state: null, key: 'default' }, matches: [], loaderData: {}, actionData: null, errors: null, statusCode: 200, loaderHeaders: {}, actionHeaders: {}, activeDeferreds: null },
	})
	const routersOf = (element: unknown): unknown[] => {
		// RemixServer returns its tree without rendering it: find the StaticRouterProvider's router.
		const found: unknown[] = []
		const walk = (node: unknown) => {
			if (!node || typeof node !== 'object') return
			const props = (node as { props?: Record<string, unknown> }).props
			if (props?.router) found.push(props.router)
			const children = props?.children
			for (const child of Array.isArray(children) ? children : [children]) walk(child)
		}
		walk(element)
		return found
	}
	const [first] = routersOf(RemixServer({ context: context(), url: 'http://127.0.0.1/' })) as { routes: unknown[] }[]
	const [second] = routersOf(RemixServer({ context: context(), url: 'http://127.0.0.1/' })) as { routes: unknown[] }[]
	expect(createServerRoutes).toHaveBeenCalledTimes(1)
	expect(first.routes).toHaveLength(1)
	expect(second.routes).toBe(first.routes)
})
