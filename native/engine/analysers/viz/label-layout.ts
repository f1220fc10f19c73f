/**
 * Finds label groups in OCR lines and the value each labels. A group is one label or several joined by
 * "/" ("Surname / Prezime / Презиме"); words after a "/" that match no known label are taken as the
 * label in another language ("Surname / Nom") rather than as a value. The value is the text right of
 * the group on its row, else the first row of text below it, bounded on the right by the next label.
 */
import type { OcrLine, OcrWord } from '../ocr/ocr-types';
import { bottomOf, centreY, firstRow, median, rightOf, unionBox } from './layout-geometry';
import { MAX_LABEL_WORDS, matchLabel, type LabelPhrase } from './label-vocabulary';
import { foldForMatch } from './text-fold';
import type { VizFieldName } from './viz-types';

/** A word, or part of one split at "/", with its folded text; separators fold to "". */
interface Token {
  readonly word: OcrWord;
  readonly folded: string;
  readonly separator: boolean;
}

/** Labels found on the page, each with the words that make it up. */
export interface LabelGroup {
  readonly field: VizFieldName;
  readonly phrase: LabelPhrase;
  readonly words: readonly OcrWord[];
}

/** Split "Surname/Prezime" into parts with proportional boxes and a separator between them. */
function tokensOf(line: OcrLine): Token[] {
  const tokens: Token[] = [];
  for (const word of line.words) {
    const parts = word.text.split(/([/|])/).filter((part) => part !== '');
    let offset = 0;
    for (const part of parts) {
      const width = (word.box.width * part.length) / word.text.length;
      const piece: OcrWord = parts.length === 1 ? word : { ...word, text: part, box: { ...word.box, x: word.box.x + offset, width } };
      offset += width;
      const separator = part === '/' || part === '|';
      const folded = separator ? '' : foldForMatch(part);
      if (separator || folded !== '') tokens.push({ word: piece, folded, separator });
    }
  }
  return tokens;
}

/** Longest label match starting at token `start` (separators end a phrase). */
function matchAt(tokens: readonly Token[], start: number): { phrase: LabelPhrase; length: number } | null {
  for (let length = Math.min(MAX_LABEL_WORDS, tokens.length - start); length >= 1; length--) {
    const run = tokens.slice(start, start + length);
    if (run.some((token) => token.separator)) continue;
    const match = matchLabel(run.map((token) => token.folded).join(''));
    if (match) return { phrase: match.phrase, length };
  }
  return null;
}

/** Label groups of one line. */
function groupsOfLine(line: OcrLine): LabelGroup[] {
  const tokens = tokensOf(line);
  const groups: { phrase: LabelPhrase; words: OcrWord[] }[] = [];
  let current: { phrase: LabelPhrase; words: OcrWord[] } | null = null;
  // After a "/" that follows a label, unknown words continue the label (another language's wording).
  let translating = false;
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] as Token;
    if (token.separator) {
      if (current) current.words.push(token.word);
      translating = current !== null;
      i++;
      continue;
    }
    const match = matchAt(tokens, i);
    const run = tokens.slice(i, i + (match?.length ?? 1)).map((t) => t.word);
    i += run.length;
    if (current && translating && (!match || match.phrase.field === current.phrase.field)) {
      const previous = current.words[current.words.length - 1] as OcrWord;
      const labelHeight = median(current.words.map((word) => word.box.height));
      // Word spacing inside a label is about a third of its height; a gap over one label height means
      // the translation ended and what follows is a value printed right of the label.
      if (match || (run[0] as OcrWord).box.x - rightOf(previous.box) <= labelHeight) {
        current.words.push(...run);
        continue;
      }
    }
    translating = false;
    current = match ? { phrase: match.phrase, words: run } : null;
    if (current) groups.push(current);
  }
  return groups.map((group) => ({ field: group.phrase.field, phrase: group.phrase, words: group.words }));
}

/** Every label group on the page. */
export function findLabelGroups(lines: readonly OcrLine[]): LabelGroup[] {
  return lines.flatMap(groupsOfLine);
}

/** A label's value words (empty when nothing sits right of or below it). */
export function valueWordsFor(group: LabelGroup, groups: readonly LabelGroup[], candidates: readonly OcrWord[]): OcrWord[] {
  const box = unionBox(group.words.map((word) => word.box));
  const labelHeight = median(group.words.map((word) => word.box.height)) || box.height;
  // The next label to the right on the same row bounds the value (side-by-side fields, "Date of birth   Sex").
  const rightLimit = Math.min(
    Number.POSITIVE_INFINITY,
    ...groups
      .filter((other) => other !== group)
      .map((other) => unionBox(other.words.map((word) => word.box)))
      .filter((other) => other.x > rightOf(box) && Math.abs(centreY(other) - centreY(box)) <= labelHeight)
      .map((other) => other.x),
  );
  // Right of the label: centre within the label's row, starting within 8 label heights (a "Label: value"
  // layout leaves a gap of a few characters; more than that is another column).
  const rightWords = candidates.filter(
    (word) =>
      Math.abs(centreY(word.box) - centreY(box)) <= labelHeight * 0.6 &&
      word.box.x >= rightOf(box) &&
      word.box.x - rightOf(box) <= labelHeight * 8 &&
      word.box.x < rightLimit,
  );
  if (rightWords.length > 0) return firstRow(rightWords);
  // Below: top within 3 label heights under the label (values are printed just under their label, in a
  // larger font), left edge at most 2 label heights left of the label's (values are left-aligned with it).
  const belowWords = candidates.filter(
    (word) =>
      word.box.y >= bottomOf(box) - labelHeight * 0.3 &&
      word.box.y <= bottomOf(box) + labelHeight * 3 &&
      word.box.x >= box.x - labelHeight * 2 &&
      word.box.x < rightLimit,
  );
  return firstRow(belowWords);
}
