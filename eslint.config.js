import js from '@eslint/js'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
	{ ignores: ['build/**', 'public/build/**', 'node_modules/**', 'tmp/**', 'test-results/**', 'playwright-report/**', '.cache/**', 'data/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx,js,mjs}'],
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		plugins: { react, 'react-hooks': reactHooks },
		settings: { react: { version: '18.3' } },
		rules: {
			...react.configs.recommended.rules,
			...react.configs['jsx-runtime'].rules,
			...reactHooks.configs.recommended.rules,
			'react/prop-types': 'off',
			'no-console': ['error', { allow: ['warn', 'error'] }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
		},
	},
	{
		// A route reads top to bottom in a minute: past 300 lines, split it (docs/architecture.md).
		files: ['app/routes/**'],
		rules: { 'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }] },
	},
	{
		// Prisma only in server modules: a route or component reaches the database through a model.
		files: ['app/**/*.{ts,tsx}'],
		ignores: ['app/**/*.server.ts', 'app/**/*.test.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: '@prisma/client', message: 'Prisma belongs in *.server.ts (a model in app/models).', allowTypeImports: true },
						{ name: '@prisma/adapter-better-sqlite3', message: 'Prisma belongs in *.server.ts (a model in app/models).' },
						{ name: '@conform-to/react', importNames: ['useForm'], message: 'useValidatedForm (app/components/forms.tsx): every form validates with the same timing.' },
					],
					patterns: [{ group: ['**/db.server', '**/db.server.ts'], message: 'Prisma belongs in *.server.ts: call a model in app/models.' }],
				},
			],
		},
	},
	{
		// Playwright fixtures call `use`, which is not React's hook.
		files: ['e2e/**'],
		rules: { 'react-hooks/rules-of-hooks': 'off' },
	},
	{
		// Command-line scripts report progress on stdout.
		files: ['scripts/**', 'prisma/**', 'server.mjs'],
		rules: { 'no-console': 'off' },
	},
)
