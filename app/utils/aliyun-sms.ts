// The request signature of Alibaba Cloud's SMS API (Dysmsapi SendSms, RPC style, signature
// version 1.0, HMAC-SHA1), from its public documentation: the parameters sorted by name,
// percent-encoded per RFC 3986 (space %20, * %2A, ~ kept), joined into
// "GET&%2F&" + encode(query), signed with the AccessKey secret followed by "&".
import crypto from 'node:crypto'

export function percentEncode(value: string) {
	return encodeURIComponent(value).replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~').replace(/[!'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

export function canonicalQuery(params: Record<string, string>) {
	return Object.keys(params)
		.sort()
		.map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
		.join('&')
}

export function stringToSign(method: 'GET' | 'POST', params: Record<string, string>) {
	return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`
}

export function signature(secret: string, method: 'GET' | 'POST', params: Record<string, string>) {
	return crypto.createHmac('sha1', `${secret}&`).update(stringToSign(method, params)).digest('base64')
}

export type SendSmsInput = { accessKeyId: string; secret: string; signName: string; templateCode: string; phone: string; templateParam: Record<string, string>; nonce: string; timestamp: Date }

/** The signed query string of a SendSms call (GET https://dysmsapi.aliyuncs.com/?…). */
export function sendSmsQuery(i: SendSmsInput) {
	const params: Record<string, string> = {
		AccessKeyId: i.accessKeyId,
		Action: 'SendSms',
		Format: 'JSON',
		PhoneNumbers: i.phone,
		RegionId: 'cn-hangzhou',
		SignName: i.signName,
		SignatureMethod: 'HMAC-SHA1',
		SignatureNonce: i.nonce,
		SignatureVersion: '1.0',
		TemplateCode: i.templateCode,
		TemplateParam: JSON.stringify(i.templateParam),
		Timestamp: i.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z'),
		Version: '2017-05-25',
	}
	return `Signature=${percentEncode(signature(i.secret, 'GET', params))}&${canonicalQuery(params)}`
}
