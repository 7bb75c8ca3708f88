/**
 * The CJK font of generated PDFs: Noto Sans SC Regular (SIL Open Font License 1.1), shipped by the
 * npm package @expo-google-fonts/noto-sans-sc, so `npm ci && npm start` needs no system font. The
 * file is ~10 MB; documents embed only the glyphs they use (pdfkit subsets it), ~10–30 KB each.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** Where the font file is, resolved through the package (throws if the package is missing). */
export function cjkFontPath(): string {
  return require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')
}

/** The font's bytes, read once per loader (the object is built by whoever renders PDFs). */
export function createFontLoader(fontPath: string = cjkFontPath()) {
  let bytes: Promise<Buffer> | undefined
  return {
    load(): Promise<Buffer> {
      bytes ??= readFile(fontPath)
      // A failed read is not cached: the next document tries again.
      bytes.catch(() => {
        bytes = undefined
      })
      return bytes
    },
  }
}

export type FontLoader = ReturnType<typeof createFontLoader>
