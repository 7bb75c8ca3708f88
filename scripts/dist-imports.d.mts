// Types of scripts/dist-imports.mjs for the tests that import it.
export interface Specifier {
  name: string
  pos: number
  end: number
}
export function jsFiles(dir: string): string[]
export function specifiersOf(text: string): Specifier[]
export function packageName(specifier: string): string
export function rewriteDistImports(dir: string): number
export function checkDistImports(workspaces: Record<string, string[]>): { problems: string[]; files: number }
export const SERVER_ENTRY_POINTS: string[]
export function checkBuiltServer(root: string): { problems: string[]; files: number }
