import type { DeepStrings } from '../types.ts'
import type zh from '../zh/auth.ts'

export default {
	login: {
		title: 'Log in',
		intro: 'Village, reviewer and administrator accounts are opened by the service centre; buyers can sign up themselves.',
		login: 'Mobile number or email',
		password: 'Password',
		remember: '',
		submit: 'Log in',
		noAccount: 'No account yet?',
		joinLink: 'Sign up as a buyer',
		invalid: 'Wrong mobile number/email or password.',
		rateLimited: 'Too many attempts. To stop password guessing, try again in {{wait}}.',
		waitSeconds: '{{count}} s',
		waitMinutes: '{{count}} min',
		joined: 'Sign-up received. If this mobile number or email is new, the account is ready and you can log in now; if it was already registered, log in with its existing password (we have told that account).',
		disabled: 'This account has been disabled. Contact the service centre.',
	},
	join: {
		title: 'Sign up',
		intro: 'With an account you can register your interest in a listing and follow your inquiries and deals.',
		name: 'Name or organisation',
		login: 'Mobile number or email',
		loginHint: 'To log in and to be contacted',
		password: 'Password',
		passwordHint: 'At least 8 characters; not a common password, a run of characters, or your own phone, email or name',
		rateLimited: 'Too many sign-ups from this network address. Try again in {{wait}}.',
		confirm: 'Password again',
		submit: 'Sign up',
		haveAccount: 'Already registered?',
		loginLink: 'Log in',
	},
	demo: {
		title: 'Demo accounts',
		intro: 'In the demo, these accounts try every role; the password of each is {{password}}.',
	},
} satisfies DeepStrings<typeof zh>
