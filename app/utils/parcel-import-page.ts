// What the parcel import pages and their actions share, in a module the browser can load too
// (a .server.ts module is empty there).

/** The documented cap on one import file (server/request-guards.js adds room for the form around it). */
export const PARCEL_FILE_MAX_MB = 100

/** The notices a redirect after an action may name (`?notice=`). */
export const IMPORT_NOTICES = ['saved', 'started', 'cancelled'] as const
export type ImportNotice = (typeof IMPORT_NOTICES)[number]

export type UploadAnswer = { problem: 'missing' | 'tooLarge' } | { refusal: { code: string; params: Record<string, string | number> } }
export type ActionAnswer = { problem: 'notWaiting' | 'cannotCommit' | 'finishing' }
