/**
 * The label vocabulary (`resources/data/viz-labels.json`, versioned) and matching of OCR'd words against
 * it. A label may span several words ("Date of birth", "Датум на раѓање"); OCR may split or merge words,
 * so phrases are compared with spaces removed.
 */
import table from '../../../../resources/data/viz-labels.json';
import { editDistance, foldForMatch } from './text-fold';
import { VIZ_FIELD_NAMES, type VizFieldName } from './viz-types';

/** Version of the label table, to record with extracted fields. */
export const VIZ_LABELS_VERSION: string = table.version;

/** One label phrase of the vocabulary. */
export interface LabelPhrase {
  readonly field: VizFieldName;
  readonly language: string;
  readonly text: string;
  /** {@link foldForMatch} of the text. */
  readonly folded: string;
  readonly wordCount: number;
}

const fields = table.fields as Record<string, Record<string, string[]>>;

/** Every phrase, longest first (so "Date of birth" wins over a shorter phrase it contains). */
export const LABEL_PHRASES: readonly LabelPhrase[] = VIZ_FIELD_NAMES.flatMap((field) =>
  Object.entries(fields[field] ?? {}).flatMap(([language, phrases]) =>
    phrases.map((text) => ({ field, language, text, folded: foldForMatch(text), wordCount: text.split(/\s+/).length })),
  ),
).sort((a, b) => b.folded.length - a.folded.length);

/** Longest phrase in words, plus one for an OCR split word. */
export const MAX_LABEL_WORDS = Math.max(...LABEL_PHRASES.map((phrase) => phrase.wordCount)) + 1;

/**
 * Edits tolerated for a label of this folded length. Short labels ("Pol", "Ime", "Sex") must match
 * exactly: one edit would turn them into common words. Longer ones allow about one OCR error per
 * 6 letters (what Tesseract makes on 10–14 px label print), capped at 2 so different labels with a
 * shared stem ("datumrodenja", "datumrojstva" are 3 apart; both are dateOfBirth anyway) stay apart.
 */
export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 12) return 1;
  return 2;
}

/** Best phrase for a run of folded words (joined without spaces), or null. */
export function matchLabel(foldedRun: string): { phrase: LabelPhrase; distance: number } | null {
  if (foldedRun.length === 0) return null;
  let best: { phrase: LabelPhrase; distance: number } | null = null;
  for (const phrase of LABEL_PHRASES) {
    const limit = allowedEdits(phrase.folded.length);
    const distance = editDistance(foldedRun, phrase.folded, limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { phrase, distance };
    if (best?.distance === 0) break;
  }
  return best;
}
