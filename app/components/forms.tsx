// Form building blocks: a label, a control, and the field's errors next to it, translated.
// Errors are message codes from the zod schemas (e.g. 'required', 'tooShort'), turned into words
// by the `forms` keys of the common namespace, with the field's own wording when it has one.
// The one place that calls conform's useForm (useValidatedForm below).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { useForm } from '@conform-to/react'
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'

type FormOptions<Schema extends Record<string, unknown>, FormValue, FormError> = Parameters<typeof useForm<Schema, FormValue, FormError>>[0]

/**
 * Conform's useForm with the one timing every form uses: the fields are checked when the form is
 * sent, and a field with an error again at each keystroke, so its error goes while the person
 * types. Not on blur: an error that went away on blur moved the submit button from under the very
 * click that caused the blur, and the click was lost (e2e/deal-changes.spec.ts, the renewal).
 */
export function useValidatedForm<Schema extends Record<string, unknown>, FormValue = Schema, FormError = string[]>(
	options: Omit<FormOptions<Schema, FormValue, FormError>, 'shouldValidate' | 'shouldRevalidate'>,
) {
	return useForm<Schema, FormValue, FormError>({ ...options, shouldValidate: 'onSubmit', shouldRevalidate: 'onInput' })
}

export const inputClass =
	'block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-600'

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
	const { t } = useTranslation()
	const list = (errors ?? []).filter(Boolean)
	if (list.length === 0) return null
	return (
		<ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700" aria-live="polite">
			{list.map((e) => (
				<li key={e}>{t(`forms.errors.${e}`, { defaultValue: e })}</li>
			))}
		</ul>
	)
}

type FieldProps = { label: ReactNode; hint?: ReactNode; errors?: string[] | null; className?: string }

export function Field({ label, hint, errors, className, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
	const fallback = useId()
	const id = input.id ?? fallback
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<div className={className}>
			<label htmlFor={id} className="mb-1 block text-sm font-medium text-stone-700">
				{label}
			</label>
			<input {...input} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={errorId} className={inputClass} />
			{hint ? <p className="mt-1 text-xs text-stone-500">{hint}</p> : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function TextareaField({ label, hint, errors, className, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
	const fallback = useId()
	const id = input.id ?? fallback
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<div className={className}>
			<label htmlFor={id} className="mb-1 block text-sm font-medium text-stone-700">
				{label}
			</label>
			<textarea {...input} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={errorId} className={inputClass} />
			{hint ? <p className="mt-1 text-xs text-stone-500">{hint}</p> : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function SelectField({ label, hint, errors, className, children, ...input }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
	const fallback = useId()
	const id = input.id ?? fallback
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<div className={className}>
			<label htmlFor={id} className="mb-1 block text-sm font-medium text-stone-700">
				{label}
			</label>
			<select {...input} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={errorId} className={inputClass}>
				{children}
			</select>
			{hint ? <p className="mt-1 text-xs text-stone-500">{hint}</p> : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function SubmitButton({ children, className = '', ...props }: React.ButtonHTMLAttributes<HTMLButtonElement>) {
	return (
		<button
			type="submit"
			{...props}
			className={`inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 disabled:opacity-60 ${className}`}
		>
			{children}
		</button>
	)
}

/** A GET filter form's select or input, and its small label above it (the ledger, /stats/prices). */
export const FILTER_FIELD = 'w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600'
export const FILTER_LABEL = 'mb-1 block text-xs font-medium text-stone-600'
