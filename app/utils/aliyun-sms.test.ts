import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { canonicalQuery, percentEncode, sendSmsQuery, signature, stringToSign } from './aliyun-sms.ts'

describe('the Alibaba Cloud RPC signature', () => {
	it('percent-encodes as RFC 3986: space %20, * %2A, ~ kept, Chinese as UTF-8', () => {
		expect(percentEncode('a b*c~d')).toBe('a%20b%2Ac~d')
		expect(percentEncode("it's (ok)!")).toBe('it%27s%20%28ok%29%21')
		expect(percentEncode('树林召')).toBe('%E6%A0%91%E6%9E%97%E5%8F%AC')
		expect(percentEncode('2026-11-20T02:00:00Z')).toBe('2026-11-20T02%3A00%3A00Z')
	})

	it('sorts the parameters by name and signs GET&%2F&<encoded query> with the secret and "&"', () => {
		const params = { Version: '2017-05-25', Action: 'SendSms', PhoneNumbers: '13800000000' }
		expect(canonicalQuery(params)).toBe('Action=SendSms&PhoneNumbers=13800000000&Version=2017-05-25')
		expect(stringToSign('GET', params)).toBe('GET&%2F&Action%3DSendSms%26PhoneNumbers%3D13800000000%26Version%3D2017-05-25')
		const expected = crypto.createHmac('sha1', 'secret&').update('GET&%2F&Action%3DSendSms%26PhoneNumbers%3D13800000000%26Version%3D2017-05-25').digest('base64')
		expect(signature('secret', 'GET', params)).toBe(expected)
	})

	it('builds a SendSms query with every required parameter, the signature first', () => {
		const query = sendSmsQuery({ accessKeyId: 'id', secret: 's', signName: '产权中心', templateCode: 'SMS_1', phone: '13800000000', templateParam: { title: '竞价已结束' }, nonce: 'n-1', timestamp: new Date('2026-11-20T02:00:00.123Z') })
		const p = new URLSearchParams(query)
		expect(query.startsWith('Signature=')).toBe(true)
		expect(Object.fromEntries([...p].filter(([k]) => k !== 'Signature'))).toEqual({
			AccessKeyId: 'id',
			Action: 'SendSms',
			Format: 'JSON',
			PhoneNumbers: '13800000000',
			RegionId: 'cn-hangzhou',
			SignName: '产权中心',
			SignatureMethod: 'HMAC-SHA1',
			SignatureNonce: 'n-1',
			SignatureVersion: '1.0',
			TemplateCode: 'SMS_1',
			TemplateParam: '{"title":"竞价已结束"}',
			Timestamp: '2026-11-20T02:00:00Z',
			Version: '2017-05-25',
		})
		const { Signature, ...rest } = Object.fromEntries(p)
		expect(Signature).toBe(signature('s', 'GET', rest))
	})
})
