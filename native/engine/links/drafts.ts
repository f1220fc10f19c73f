/**
 * `draft-to-print` links: what a workshop leaves on its computers, linked to the finished documents it matches.
 * - a blank template: a document recognised as a template whose variable fields and MRZ are empty, to the
 *   flagged documents (review or strong indicators) of the same template;
 * - an MRZ-generator trace: a text file (saved page, CSV, notes) holding MRZ lines, to the documents whose MRZ
 *   they are;
 * - an OCR-B font file (the MRZ typeface), to the flagged documents with a read MRZ that the template comparison
 *   did not measure as set in another font;
 * - a portrait crop: an image without a document whose picture is a document's portrait (measured by the
 *   portrait signature, see measure.ts).
 */
import type { LinkDraft } from './types';

/** A document as these links need it. */
export interface DraftDocument {
  readonly id: number;
  readonly templateId: string | null;
  readonly level: 'no-indicators' | 'review' | 'strong-indicators' | null;
  readonly mrzLines: readonly string[];
  /** What was read in the template's variable zones, with the OCR confidence (0-100). */
  readonly readings: readonly { readonly text: string; readonly confidence: number }[];
}

/**
 * Strengths. An MRZ trace holding every line of a document's MRZ 0.9: three 30-character lines with check digits
 * do not recur by chance; one line only 0.7 (the name line of a common name could). A blank template 0.5: it shows
 * the means to print that design, not which prints came from it. An OCR-B font 0.3: the typeface is freely
 * available and every genuine MRZ is set in it; it is context for flagged documents, not a trace of one.
 */
export const DRAFT_STRENGTH = { mrzAllLines: 0.9, mrzOneLine: 0.7, blankTemplate: 0.5, ocrBFont: 0.3 } as const;

/**
 * A blank needs at least this many variable text zones read empty, and at least BLANK_SHARE of them: one empty
 * zone is a misread, a whole card of them (the bundled permit has ten) is a card without personal data; a blank
 * may keep a pre-printed mark (a sex field printed `X`).
 */
const MIN_EMPTY_ZONES = 5;
const BLANK_SHARE = 0.8;
/**
 * A zone counts as empty when nothing was read or only at a confidence below this: on an empty zone Tesseract
 * reads the guilloche as letters at 17-48 (a blank permit of the action day), and below 60 misreadings dominate
 * on printed fields too (templates/check/rules.ts, ocrTrust).
 */
const EMPTY_BELOW_CONFIDENCE = 60;
const isEmpty = (r: { text: string; confidence: number }) => r.text.trim() === '' || r.confidence < EMPTY_BELOW_CONFIDENCE;

const doc = (id: number) => ({ type: 'document' as const, id: String(id) });
const item = (id: number) => ({ type: 'item' as const, id: String(id) });
const flagged = (d: DraftDocument) => d.level === 'review' || d.level === 'strong-indicators';

/** Whether a document is a blank of its template: recognised, no MRZ read, every variable zone empty. */
export function isBlankTemplate(d: DraftDocument): boolean {
  const empty = d.readings.filter(isEmpty).length;
  return d.templateId !== null && d.mrzLines.length === 0 && empty >= MIN_EMPTY_ZONES && empty >= BLANK_SHARE * d.readings.length;
}

/** Blank templates to the flagged documents of the same template. */
export function blankTemplateLinks(documents: readonly DraftDocument[]): LinkDraft[] {
  const out: LinkDraft[] = [];
  const blanks = documents.filter(isBlankTemplate);
  for (const blank of blanks) {
    for (const print of documents) {
      if (print === blank || print.templateId !== blank.templateId || !flagged(print) || isBlankTemplate(print)) continue;
      out.push({
        kind: 'draft-to-print',
        from: doc(blank.id),
        to: doc(print.id),
        strength: DRAFT_STRENGTH.blankTemplate,
        evidence: { draft: 'blank-template', templateId: blank.templateId, emptyZones: blank.readings.filter(isEmpty).length, zones: blank.readings.length, printLevel: print.level },
        summary: `document ${blank.id} is a blank of template ${blank.templateId} (${blank.readings.filter(isEmpty).length} of ${blank.readings.length} variable zones empty or read below confidence ${EMPTY_BELOW_CONFIDENCE}, no MRZ); document ${print.id} is a print of that template assessed ${print.level}`,
      });
    }
  }
  return out;
}

/**
 * An HTML tag: `<`, a letter, attributes without `<` or `>`, `>`. MRZ text never holds `>`, and `<` followed by a
 * letter in an MRZ (`<<ANA<<`) is followed by `<` or a letter, never by `>` before the next `<`, so MRZ lines survive.
 */
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>/g;

/** Candidate MRZ lines in a text (plain or a saved HTML page): runs of 30-44 MRZ characters, spaces removed. */
export function mrzLinesInText(text: string): { line: string; lineNo: number }[] {
  const out: { line: string; lineNo: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const compact = raw.replace(HTML_TAG, ' ').replace(/&lt;|&#60;|&#x3c;/gi, '<').replace(/[ \t]/g, '').toUpperCase();
    for (const m of compact.matchAll(/[A-Z0-9<]{30,44}/g)) if (m[0].includes('<')) out.push({ line: m[0], lineNo: i + 1 });
  });
  return out;
}

/** A text file's MRZ lines matched against the documents' MRZs. */
export function mrzTraceLinks(traces: readonly { itemId: number; name: string; text: string }[], documents: readonly DraftDocument[]): LinkDraft[] {
  const byLine = new Map<string, DraftDocument[]>();
  for (const d of documents) for (const l of d.mrzLines) byLine.set(l, [...(byLine.get(l) ?? []), d]);
  const out: LinkDraft[] = [];
  for (const trace of traces) {
    const hits = new Map<number, { doc: DraftDocument; lines: { line: string; lineNo: number }[] }>();
    for (const found of mrzLinesInText(trace.text)) {
      for (const d of byLine.get(found.line) ?? []) {
        const hit = hits.get(d.id) ?? { doc: d, lines: [] };
        if (!hit.lines.some((l) => l.line === found.line)) hit.lines.push(found);
        hits.set(d.id, hit);
      }
    }
    for (const { doc: d, lines } of hits.values()) {
      const all = d.mrzLines.every((l) => lines.some((x) => x.line === l));
      out.push({
        kind: 'draft-to-print',
        from: item(trace.itemId),
        to: doc(d.id),
        strength: all ? DRAFT_STRENGTH.mrzAllLines : DRAFT_STRENGTH.mrzOneLine,
        evidence: { draft: 'mrz-trace', file: trace.name, linesMatched: lines.length, linesOfMrz: d.mrzLines.length, atLines: lines.map((l) => l.lineNo) },
        summary: `${trace.name} holds ${all ? 'every line' : `${lines.length} of ${d.mrzLines.length} lines`} of document ${d.id}'s MRZ (at line${lines.length === 1 ? '' : 's'} ${lines.map((l) => l.lineNo).join(', ')})`,
      });
    }
  }
  return out;
}

/**
 * OCR-B font files to the flagged documents whose MRZ was read and not measured as another typeface: a print whose
 * MRZ glyphs do not correlate with OCR-B (forgery trait `mrz.font.non-ocr-b`) was not set with that file.
 * @param fonts font files whose family names OCR-B
 * @param documents the case's documents
 * @param otherMrzFont ids of documents whose MRZ the template comparison measured as not OCR-B
 */
export function fontLinks(fonts: readonly { itemId: number; name: string; family: string }[], documents: readonly DraftDocument[], otherMrzFont: ReadonlySet<number> = new Set()): LinkDraft[] {
  const prints = documents.filter((d) => flagged(d) && d.mrzLines.length > 0 && !otherMrzFont.has(d.id));
  return fonts.flatMap((font) =>
    prints.map((d) => ({
      kind: 'draft-to-print' as const,
      from: item(font.itemId),
      to: doc(d.id),
      strength: DRAFT_STRENGTH.ocrBFont,
      evidence: { draft: 'ocr-b-font', file: font.name, family: font.family, printLevel: d.level },
      summary: `${font.name} is the OCR-B typeface (${font.family}) in which MRZs are set; document ${d.id} is assessed ${d.level}`,
    })),
  );
}
