/**
 * A piece of evidence that is not drawn as a thumbnail (PDF, HEIC photo): a button that fetches
 * it with the caller's token and opens it. One implementation per platform (STYLE.md):
 * - `evidence-file.h5.tsx`: a new browser tab with the file (a blob: URL, freed when the page
 *   closes); if the browser blocks the tab, a link to click instead.
 * - `evidence-file.weapp.tsx`: `Taro.openDocument` (PDF) on the downloaded temp file.
 */
import type { Attachment } from '@huxin/shared'
import type { DownloadAttachment } from './evidence-thumb'

export interface EvidenceFileProps {
  claimId: string
  attachment: Attachment
  download: DownloadAttachment
}

/** `PDF 文件 · 12 KB` and the like. */
export function evidenceFileLabel(attachment: Pick<Attachment, 'mime' | 'size' | 'fileName'>): string {
  const kind = attachment.mime === 'application/pdf' ? 'PDF 文件' : attachment.mime === 'image/heic' ? '照片（HEIC）' : '文件'
  return `${attachment.fileName ? `${attachment.fileName} · ` : ''}${kind} · ${fileSize(attachment.size)}`
}

/** Bytes as people read them: `830 B`, `12 KB`, `1.5 MB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
