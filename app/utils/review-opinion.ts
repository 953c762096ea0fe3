import type { TFunction } from 'i18next'

/**
 * A review's opinion as shown. When the administrator certifies without writing one, nothing is
 * stored and the standard opinion is shown in the reader's language (009); older rows hold it in
 * Chinese and show as stored.
 */
export function opinionText(t: TFunction, review: { decision: string; opinion: string }) {
	return review.opinion || (review.decision === 'CERTIFY' ? t('deal:certifyOpinion') : '')
}
