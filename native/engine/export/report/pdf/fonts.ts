/**
 * The DejaVu fonts the PDF embeds (npm `dejavu-fonts-ttf`, resolved from node_modules at run time, so it also
 * works from the bundled CLI): the standard PDF fonts have no č ć đ š ž, which Montenegrin and Serbian Latin need.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The faces the report uses, by the name it registers them under. */
export const FONT_FILES = {
  sans: 'DejaVuSans.ttf',
  'sans-bold': 'DejaVuSans-Bold.ttf',
  'sans-oblique': 'DejaVuSans-Oblique.ttf',
  mono: 'DejaVuSansMono.ttf',
  'mono-bold': 'DejaVuSansMono-Bold.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

let cached: Readonly<Record<FontName, Buffer>> | null = null;

/** The folder holding the TrueType files. */
export function dejavuFolder(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** The font files' bytes, read once per process. */
export function reportFonts(): Readonly<Record<FontName, Buffer>> {
  if (cached) return cached;
  const dir = dejavuFolder();
  cached = Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(path.join(dir, file))])) as Record<FontName, Buffer>;
  return cached;
}
