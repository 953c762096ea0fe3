// A listing's photos: the main one shown whole (never cropped), a strip of thumbnails, and a
// full-screen gallery of every photo. The gallery is plain links to `#photo-N` targets, so it
// opens, pages and closes without JavaScript; with it, the arrow keys page and Escape closes.
import { useEffect, useState, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { imageLoading } from '~/domain/image-loading.ts'

export type GalleryPhoto = { id: string; file: string; thumbFile: string; width: number; height: number; caption: string | null }

const SLIDE = /^#photo-(\d+)$/

export function PhotoGallery({ photos, title }: { photos: GalleryPhoto[]; title: string }) {
	const { t } = useTranslation('listing')
	const [active, setActive] = useState(0)
	useGalleryKeys(photos.length)
	if (photos.length === 0) {
		return (
			<div className="flex h-40 items-center justify-center rounded-lg border border-dashed border-stone-300 bg-stone-100 text-stone-500">
				{t('photos.none')}
			</div>
		)
	}
	const index = Math.min(active, photos.length - 1)
	const main = photos[index]
	const alt = (photo: GalleryPhoto, i: number) => photo.caption || t('photos.alt', { title, n: i + 1, total: photos.length })
	// Without JavaScript a thumbnail opens the gallery at its photo; with it, it swaps the main one.
	const show = (i: number) => (event: MouseEvent<HTMLAnchorElement>) => {
		if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
		event.preventDefault()
		setActive(i)
	}
	return (
		<section id="photos" aria-label={t('photos.label')} className="min-w-0 scroll-mt-4">
			<figure>
				<a href={`#photo-${index + 1}`} title={t('photos.openGallery')} className="block overflow-hidden rounded-lg bg-stone-100" data-testid="main-photo">
					{/* The whole photo, letterboxed in a steady 4:3 box: nothing of it is cut off. */}
					<img key={main.id} src={`/uploads/${main.file}`} width={main.width} height={main.height} alt={alt(main, index)} {...imageLoading(0)} className="aspect-[4/3] h-auto w-full object-contain" />
				</a>
				{main.caption ? <figcaption className="mt-1.5 text-sm text-stone-600">{main.caption}</figcaption> : null}
			</figure>
			{photos.length > 1 ? (
				<ul className="mt-2 flex gap-2 overflow-x-auto pb-1">
					{photos.map((photo, i) => (
						<li key={photo.id} className="shrink-0">
							<a
								href={`#photo-${i + 1}`}
								onClick={show(i)}
								aria-current={i === index ? 'true' : undefined}
								aria-label={t('photos.show', { n: i + 1 })}
								className={`block overflow-hidden rounded-md ring-2 ring-offset-1 focus:outline-none focus-visible:ring-brand-600 ${i === index ? 'ring-brand-700' : 'ring-transparent hover:ring-stone-300'}`}
							>
								<img src={`/uploads/${photo.thumbFile}`} width={96} height={72} alt="" loading="lazy" className="h-[4.5rem] w-24 object-cover" />
							</a>
						</li>
					))}
				</ul>
			) : null}
			<p className="mt-1 text-sm">
				<a href="#photo-1" className="text-brand-800 underline underline-offset-2">
					{t('photos.openGallery')} ({photos.length})
				</a>
			</p>
			{photos.map((photo, i) => (
				<div
					key={photo.id}
					id={`photo-${i + 1}`}
					role="dialog"
					aria-label={t('photos.slide', { n: i + 1, total: photos.length })}
					tabIndex={-1}
					data-testid="gallery-slide"
					className="fixed inset-0 z-[2000] hidden flex-col bg-stone-950 text-white focus:outline-none target:flex"
				>
					<div className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
						<span aria-hidden="true" className="tabular-nums">
							{i + 1} / {photos.length}
						</span>
						<a href="#photos" className="rounded-md px-3 py-2 font-medium underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-white" data-close>
							{t('photos.close')}
						</a>
					</div>
					<figure className="flex min-h-0 flex-1 flex-col items-center justify-center px-2">
						{/* Loaded only when shown: a hidden lazy image is not fetched. */}
						<img src={`/uploads/${photo.file}`} width={photo.width} height={photo.height} alt={alt(photo, i)} loading="lazy" className="max-h-full min-h-0 w-auto max-w-full object-contain" />
						{photo.caption ? <figcaption className="mt-2 text-center text-sm text-stone-200">{photo.caption}</figcaption> : null}
					</figure>
					{photos.length > 1 ? (
						<nav aria-label={t('photos.label')} className="flex justify-between gap-2 px-3 py-3 text-base">
							<a href={`#photo-${i === 0 ? photos.length : i}`} className="rounded-md bg-white/10 px-4 py-3 font-medium hover:bg-white/20 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white" data-prev>
								← {t('photos.prev')}
							</a>
							<a href={`#photo-${i + 2 > photos.length ? 1 : i + 2}`} className="rounded-md bg-white/10 px-4 py-3 font-medium hover:bg-white/20 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white" data-next>
								{t('photos.next')} →
							</a>
						</nav>
					) : null}
				</div>
			))}
		</section>
	)
}

/** With JavaScript: the open slide takes the focus; ← and → page, Escape closes. */
function useGalleryKeys(total: number) {
	useEffect(() => {
		if (total === 0) return
		const current = () => Number(SLIDE.exec(window.location.hash)?.[1] ?? 0)
		const focusSlide = () => {
			const n = current()
			if (n) document.getElementById(`photo-${n}`)?.focus()
		}
		const onKey = (event: KeyboardEvent) => {
			const n = current()
			if (!n) return
			if (event.key === 'Escape') window.location.hash = 'photos'
			else if (event.key === 'ArrowRight') window.location.hash = `photo-${n >= total ? 1 : n + 1}`
			else if (event.key === 'ArrowLeft') window.location.hash = `photo-${n <= 1 ? total : n - 1}`
			else return
			event.preventDefault()
		}
		focusSlide()
		window.addEventListener('hashchange', focusSlide)
		window.addEventListener('keydown', onKey)
		return () => {
			window.removeEventListener('hashchange', focusSlide)
			window.removeEventListener('keydown', onKey)
		}
	}, [total])
}
