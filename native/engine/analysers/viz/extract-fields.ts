/**
 * Printed-field (VIZ) extraction from the OCR result of a rectified document side: by label and layout
 * first, then by pattern for document numbers and dates no label claimed.
 */
import type { OcrBox, OcrLine, OcrWord } from '../ocr/ocr-types';
import { assignDatesByOrder, asDocumentNumber, findDates, isDateField, normalizeFieldValue } from './field-patterns';
import { findLabelGroups, valueWordsFor, type LabelGroup } from './label-layout';
import { meanConfidence, unionBox } from './layout-geometry';
import { VIZ_FIELD_NAMES, type VizField, type VizFieldName } from './viz-types';

/**
 * Words below this Tesseract confidence are ignored as values: on card backgrounds (guilloches,
 * portraits, holograms) Tesseract turns pattern fragments into 1–3 letter "words" scored under 20, while
 * real print, even badly read, scores above 30.
 */
export const MIN_VALUE_WORD_CONFIDENCE = 20;

/**
 * A machine-readable-zone line: several filler "<" or a 25+ character run (TD1 lines are 30). Those
 * belong to the MRZ reader; their digits would otherwise look like document numbers and dates here.
 */
export function isMrzLikeLine(line: OcrLine): boolean {
  return (line.text.match(/</g)?.length ?? 0) >= 3 || line.words.some((word) => word.text.length >= 25);
}

/** True when the two boxes overlap by more than half of the smaller one's area. */
function overlapsMostly(a: OcrBox, b: OcrBox): boolean {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (width <= 0 || height <= 0) return false;
  return width * height > 0.5 * Math.min(a.width * a.height, b.width * b.height);
}

/** A field from value words; null when there are none. */
export function fieldFromWords(field: VizFieldName, words: readonly OcrWord[], source: VizField['source'], label?: VizField['label']): VizField | null {
  if (words.length === 0) return null;
  const text = words.map((word) => word.text).join(' ');
  return {
    field,
    text,
    normalized: normalizeFieldValue(field, text),
    confidence: meanConfidence(words),
    box: unionBox(words.map((word) => word.box)),
    source,
    ...(label ? { label } : {}),
  };
}

/** The non-label, non-MRZ words that may be values, and the label groups of those lines. */
export function valueCandidates(lines: readonly OcrLine[]): { groups: LabelGroup[]; candidates: OcrWord[]; lines: OcrLine[] } {
  const textLines = lines.filter((line) => !isMrzLikeLine(line));
  const groups = findLabelGroups(textLines);
  const labelBoxes = groups.flatMap((group) => group.words.map((word) => word.box));
  const candidates = textLines
    .flatMap((line) => line.words)
    .filter((word) => word.confidence >= MIN_VALUE_WORD_CONFIDENCE && !labelBoxes.some((box) => overlapsMostly(box, word.box)));
  return { groups, candidates, lines: textLines };
}

/** Dates among the words, per line, each with the words it was read from. */
function datesInWords(lines: readonly OcrLine[], words: ReadonlySet<OcrWord>): { iso: string; words: OcrWord[] }[] {
  const found: { iso: string; words: OcrWord[] }[] = [];
  for (const line of lines) {
    const lineWords = line.words.filter((word) => words.has(word));
    let text = '';
    const starts: number[] = [];
    for (const word of lineWords) {
      starts.push(text.length);
      text += `${word.text} `;
    }
    for (const date of findDates(text)) {
      const end = date.index + date.text.length;
      found.push({ iso: date.iso, words: lineWords.filter((word, i) => (starts[i] as number) < end && (starts[i] as number) + word.text.length > date.index) });
    }
  }
  return found;
}

/** The most confident word, or adjacent pair ("AB 1234567"), shaped like a document number. */
function documentNumberIn(lines: readonly OcrLine[], words: ReadonlySet<OcrWord>): OcrWord[] | null {
  let best: { words: OcrWord[]; confidence: number } | null = null;
  for (const line of lines) {
    const lineWords = line.words.filter((word) => words.has(word));
    lineWords.forEach((word, i) => {
      const next = lineWords[i + 1];
      for (const run of next ? [[word], [word, next]] : [[word]]) {
        if (!asDocumentNumber(run.map((w) => w.text).join(''))) continue;
        const confidence = meanConfidence(run);
        if (!best || confidence > best.confidence) best = { words: run, confidence };
      }
    });
  }
  return (best as { words: OcrWord[] } | null)?.words ?? null;
}

/**
 * Extract printed fields from OCR lines (an {@link OcrResult}'s `lines`): one entry per field found,
 * in {@link VIZ_FIELD_NAMES} order. A field is taken from the first label (reading order) that has a
 * value; document number and dates no label claimed are then looked for by pattern.
 */
export function extractVizFields(ocr: { readonly lines: readonly OcrLine[] }): VizField[] {
  const { groups, candidates, lines } = valueCandidates(ocr.lines);
  const found = new Map<VizFieldName, VizField>();
  const used = new Set<OcrWord>();
  const ordered = [...groups].sort((a, b) => (a.words[0]?.box.y ?? 0) - (b.words[0]?.box.y ?? 0) || (a.words[0]?.box.x ?? 0) - (b.words[0]?.box.x ?? 0));
  for (const group of ordered) {
    if (found.has(group.field)) continue;
    const words = valueWordsFor(group, groups, candidates);
    const label = { text: group.words.map((word) => word.text).join(' '), language: group.phrase.language };
    const field = fieldFromWords(group.field, words, 'label', label);
    if (!field) continue;
    found.set(group.field, field);
    words.forEach((word) => used.add(word));
  }

  const unused = new Set(candidates.filter((word) => !used.has(word)));
  if (!found.has('documentNumber')) {
    const words = documentNumberIn(lines, unused);
    const field = words ? fieldFromWords('documentNumber', words, 'pattern') : null;
    if (field && words) {
      found.set('documentNumber', field);
      words.forEach((word) => unused.delete(word));
    }
  }
  const dates = datesInWords(lines, unused);
  const known: Partial<Record<VizFieldName, string | null>> = {};
  for (const [name, field] of found) if (isDateField(name)) known[name] = field.normalized;
  const assigned = assignDatesByOrder(known, dates.map((date) => date.iso));
  for (const [name, iso] of assigned) {
    const date = dates.find((candidate) => candidate.iso === iso && !candidate.words.some((word) => !unused.has(word)));
    const field = date ? fieldFromWords(name, date.words, 'pattern') : null;
    if (field && date) {
      found.set(name, field);
      date.words.forEach((word) => unused.delete(word));
    }
  }
  return VIZ_FIELD_NAMES.flatMap((name) => (found.has(name) ? [found.get(name) as VizField] : []));
}
