/**
 * The template's own glyphs: the specimen's text zones segmented into glyphs and paired with their
 * `sample` text, pooled over the zones printed in the same font. Zones share a font when their cap
 * heights and stroke weights agree (the Utopia card's eight value zones, DejaVu Sans Bold 24 px: cap
 * height 17.2-17.4 px, stroke / cap height 0.21-0.24), while the document number (OCR-B, 20.0 px, 0.13)
 * and the permit type (DejaVu Sans 18 px, 13.0 px, 0.16) keep their own.
 */
import type { GlyphPatch } from './glyph-patch';
import { median } from './raster-ops';
import { BLUR_LADDER } from './text-reference';
import type { TextZoneReference } from './text-reference';

// Same font: cap heights within 6 % (one size step of 24 px type is 8 %) and stroke ratios within 20 %
// (measured spread within the bold group: 12 %, OCR-B vs DejaVu Bold: 45 %).
const SAME_CAP_HEIGHT = 0.06;
const SAME_STROKE = 0.2;

/** Glyphs of one font group at one blur level, by character. */
export type AtlasLevel = ReadonlyMap<string, readonly GlyphPatch[]>;

/** The pooled glyphs of each font group. */
export interface GlyphAtlas {
  /** Font group of each text zone with a measured reference. */
  readonly groupOf: ReadonlyMap<string, number>;
  /** Per group, per {@link BLUR_LADDER} level: glyphs by character. */
  readonly levels: readonly (readonly AtlasLevel[])[];
  /** Per group, per level: median stroke width / cap height over the group's zones. */
  readonly strokeRatio: readonly (readonly number[])[];
  /** Per group: the zones in it. */
  readonly members: readonly (readonly string[])[];
}

/** Pool the reference text zones into font groups and collect their glyphs. */
export function buildAtlas(zones: readonly TextZoneReference[]): GlyphAtlas {
  const groups: TextZoneReference[][] = [];
  for (const z of zones) {
    const l0 = z.levels[0];
    if (!l0) continue;
    const group = groups.find((g) => {
      const h = g[0]!.levels[0]!;
      return Math.abs(l0.capHeight / h.capHeight - 1) <= SAME_CAP_HEIGHT && Math.abs(l0.strokeRatio / h.strokeRatio - 1) <= SAME_STROKE;
    });
    if (group) group.push(z);
    else groups.push([z]);
  }
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((z) => groupOf.set(z.zoneId, i)));
  const levels = groups.map((g) =>
    BLUR_LADDER.map((_, k) => {
      const byChar = new Map<string, GlyphPatch[]>();
      for (const z of g) for (const glyph of z.levels[k]?.glyphs ?? []) byChar.set(glyph.char, [...(byChar.get(glyph.char) ?? []), glyph.patch]);
      return byChar as AtlasLevel;
    }),
  );
  const strokeRatio = groups.map((g) => BLUR_LADDER.map((_, k) => median(g.flatMap((z) => (z.levels[k] ? [z.levels[k].strokeRatio] : [])))));
  return { groupOf, levels, strokeRatio, members: groups.map((g) => g.map((z) => z.zoneId)) };
}

/** Median width / cap height of the atlas glyphs of `char` at a level (or of all glyphs when it has none). */
export function expectedWidthRatio(level: AtlasLevel, char: string): number {
  const own = level.get(char);
  if (own && own.length > 0) return median(own.map((p) => p.widthRatio));
  const all = [...level.values()].flat();
  // 0.7 cap heights: the median capital of DejaVu Sans Bold; used only when the atlas is empty.
  return all.length > 0 ? median(all.map((p) => p.widthRatio)) : 0.7;
}
