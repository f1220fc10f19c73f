/** Box arithmetic for layout reasoning over OCR words. */
import type { OcrBox, OcrWord } from '../ocr/ocr-types';

/** Smallest box containing all boxes (an empty box at the origin for none). */
export function unionBox(boxes: readonly OcrBox[]): OcrBox {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x0 = Math.min(...boxes.map((box) => box.x));
  const y0 = Math.min(...boxes.map((box) => box.y));
  const x1 = Math.max(...boxes.map((box) => box.x + box.width));
  const y1 = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Vertical centre. */
export const centreY = (box: OcrBox) => box.y + box.height / 2;

/** Right edge. */
export const rightOf = (box: OcrBox) => box.x + box.width;

/** Bottom edge. */
export const bottomOf = (box: OcrBox) => box.y + box.height;

/** Median of a non-empty list (0 for an empty one). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Mean word confidence, rounded to one decimal (0 for no words). */
export function meanConfidence(words: readonly OcrWord[]): number {
  if (words.length === 0) return 0;
  return Math.round((words.reduce((sum, word) => sum + word.confidence, 0) / words.length) * 10) / 10;
}

/** Words that share a text row with the first (closest) word, left to right. */
export function firstRow(words: readonly OcrWord[]): OcrWord[] {
  const byTop = [...words].sort((a, b) => a.box.y - b.box.y);
  const first = byTop[0];
  if (!first) return [];
  // Same row: vertical centres within 60% of the first word's height (tall and short glyph runs of one
  // printed line differ by less than that; the next printed line is a full line height away).
  const tolerance = first.box.height * 0.6;
  return byTop.filter((word) => Math.abs(centreY(word.box) - centreY(first.box)) <= tolerance).sort((a, b) => a.box.x - b.box.x);
}
