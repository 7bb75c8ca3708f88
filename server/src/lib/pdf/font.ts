/**
 * The CJK font of generated PDFs: Noto Sans SC Regular (SIL Open Font License 1.1), shipped by the
 * npm package @expo-google-fonts/noto-sans-sc, so `npm ci && npm start` needs no system font. The
 * file is ~10 MB; documents embed only the glyphs they use (pdf-lib subsetting), a few KB each.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument } from 'pdf-lib'

/** The font engine pdf-lib takes (its `Fontkit` type is not exported from the package root). */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0]

const require = createRequire(import.meta.url)

/** Where the font file is, resolved through the package (throws if the package is missing). */
export function cjkFontPath(): string {
  return require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')
}

/**
 * The font for pdf-lib, read and parsed once per loader (the object is built by whoever renders
 * PDFs): `fontkit` is @pdf-lib/fontkit whose `create` returns the already parsed font for these
 * bytes. Parsing the 10 MB file costs ~300 ms; with the parsed font reused a document renders in
 * ~150 ms (measured on this project's 2-core machine). The font object is only read by subsetting.
 */
export function createFontLoader(fontPath: string = cjkFontPath()) {
  let bytes: Promise<Uint8Array> | undefined
  let parsed: { data: Uint8Array; font: ReturnType<Fontkit['create']> } | undefined
  const cachingFontkit: Fontkit = {
    create(data, postscriptName) {
      if (parsed?.data === data && postscriptName === undefined) return parsed.font
      const font = fontkit.create(data, postscriptName)
      parsed = { data, font }
      return font
    },
  }
  return {
    fontkit: cachingFontkit,
    load(): Promise<Uint8Array> {
      bytes ??= readFile(fontPath).then((buffer) => new Uint8Array(buffer))
      // A failed read is not cached: the next document tries again.
      bytes.catch(() => {
        bytes = undefined
      })
      return bytes
    },
  }
}

export type FontLoader = ReturnType<typeof createFontLoader>
