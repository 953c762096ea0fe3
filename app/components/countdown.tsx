// The time left to a deadline, ticking every second from the server's clock, so that a wrong
// clock on the reader's device does not move the deadline. The first render matches the server's.
import type { TFunction } from 'i18next'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** Under five minutes left the time shows in red. */
const URGENT_MS = 5 * 60_000

/** The time left in words: "1 天 2 小时 03 分 04 秒", or "已截止" once it has passed. */
export function countdownText(leftMs: number, t: TFunction<'bidding'>) {
	if (leftMs <= 0) return t('countdown.ended')
	const s = Math.floor(leftMs / 1000)
	const days = Math.floor(s / 86400)
	const hms = t('countdown.time', { h: Math.floor((s % 86400) / 3600), m: String(Math.floor((s % 3600) / 60)).padStart(2, '0'), s: String(s % 60).padStart(2, '0') })
	return days > 0 ? `${t('countdown.days', { count: days })} ${hms}` : hms
}

/** Ticks until `deadline`; calls `onEnd` once when it passes (the page then asks for the outcome). */
export function Countdown({ deadline, serverNow, onEnd }: { deadline: string; serverNow: string; onEnd: () => void }) {
	const { t } = useTranslation('bidding')
	const [nowMs, setNowMs] = useState(() => Date.parse(serverNow))
	const ended = useRef(false)
	useEffect(() => {
		const skew = Date.parse(serverNow) - Date.now()
		ended.current = false
		const tick = () => setNowMs(Date.now() + skew)
		tick()
		const timer = window.setInterval(tick, 1000)
		return () => window.clearInterval(timer)
	}, [serverNow])
	const left = Date.parse(deadline) - nowMs
	useEffect(() => {
		if (left <= 0 && !ended.current) {
			ended.current = true
			onEnd()
		}
	}, [left, onEnd])
	return (
		<p className="mt-0.5 text-sm text-stone-600" data-testid="countdown">
			{left > 0 ? `${t('countdown.label')} ` : ''}
			<span className={left > 0 && left < URGENT_MS ? 'font-semibold text-red-700' : ''}>{countdownText(left, t)}</span>
		</p>
	)
}
