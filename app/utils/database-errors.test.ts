import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable, isSerializationFailure, isUniqueViolation, prismaErrorCode } from './database-errors.ts'

/** An error shaped as either generated client's (each has its own class of this name). */
function prismaError(code: string, message = 'x') {
	const error = new Error(message) as Error & { code: string }
	error.name = 'PrismaClientKnownRequestError'
	error.code = code
	return error
}

describe('database errors, whichever engine', () => {
	it('reads the code of a known request error, by name not class', () => {
		expect(prismaErrorCode(prismaError('P2002'))).toBe('P2002')
		expect(prismaErrorCode(new Error('P2002'))).toBeNull()
		expect(prismaErrorCode('P2002')).toBeNull()
		expect(isUniqueViolation(prismaError('P2002'))).toBe(true)
		expect(isUniqueViolation(prismaError('P2025'))).toBe(false)
	})
	it('tells a transaction to run again from other failures', () => {
		expect(isSerializationFailure(prismaError('P2034'))).toBe(true)
		expect(isSerializationFailure(new Error('ERROR: could not serialize access due to read/write dependencies (40001)'))).toBe(true)
		// @prisma/adapter-pg's own error for a write conflict inside an interactive transaction.
		const adapter = Object.assign(new Error('TransactionWriteConflict'), { name: 'DriverAdapterError' })
		expect(isSerializationFailure(adapter)).toBe(true)
		expect(isSerializationFailure(prismaError('P2002'))).toBe(false)
	})
	it('tells a database that is down from a bad request', () => {
		expect(isDatabaseUnavailable(prismaError('P1001', "Can't reach database server"))).toBe(true)
		expect(isDatabaseUnavailable(prismaError('P2024'))).toBe(true)
		expect(isDatabaseUnavailable(new Error('catalog worker: Error: connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true)
		expect(isDatabaseUnavailable(prismaError('P2002'))).toBe(false)
		expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false)
	})
})
