import type { MrzView } from '../../contract';
import { crossCheckField, type VizField as CheckedField } from '../../domain/viz-crosscheck';
import type { Analyser, AnalyserOutcome, FindingDraft, TextLineDraft } from '../../pipeline/analyser';
import type { OcrService } from '../ocr';
import { extractViz, type VizField, type VizFieldName } from '../viz';

/**
 * Languages of printed fields in the region (English first: most labels are bilingual with English;
 * then regional Latin with its diacritics, then Serbian/Macedonian Cyrillic).
 */
export const VIZ_LANGS = ['eng', 'srp_latn', 'hrv', 'srp', 'mkd'] as const;

/** Printed field → the MRZ field it must agree with. */
const MRZ_COUNTERPART: Partial<Record<VizFieldName, { check: CheckedField; mrz: (m: MrzView) => string | null }>> = {
  surname: { check: 'surname', mrz: (m) => nameParts(m)?.surname ?? null },
  givenNames: { check: 'givenNames', mrz: (m) => nameParts(m)?.givenNames ?? null },
  dateOfBirth: { check: 'birthDate', mrz: (m) => fieldRaw(m, 'birthDate') },
  dateOfExpiry: { check: 'expiryDate', mrz: (m) => fieldRaw(m, 'expiryDate') },
  documentNumber: { check: 'documentNumber', mrz: (m) => m.fields.find((f) => f.name === 'documentNumber')?.text ?? null },
  nationality: { check: 'nationality', mrz: (m) => fieldRaw(m, 'nationality') },
  sex: { check: 'sex', mrz: (m) => fieldRaw(m, 'sex') },
};

const fieldRaw = (m: MrzView, name: string) => m.fields.find((f) => f.name === name)?.raw ?? null;

function nameParts(m: MrzView): { surname: string; givenNames: string; full: boolean } | null {
  const raw = fieldRaw(m, 'name');
  if (raw === null) return null;
  const at = raw.indexOf('<<');
  const surname = at < 0 ? raw : raw.slice(0, at);
  const given = at < 0 ? '' : raw.slice(at + 2);
  return { surname, givenNames: given, full: !raw.endsWith('<') };
}

const severityOf = (status: string): FindingDraft['severity'] => (status === 'mismatch' ? 'medium' : 'info');

/**
 * The `viz-ocr` analyser: OCR of each stored document side (tesseract.js, regional languages), printed
 * fields found by labels and layout or by pattern, and each compared with the MRZ of the same document
 * when there is one (TD2/TD3 pages, and a TD1 side whose MRZ was read).
 *
 * Detects: printed data that disagrees with the MRZ after allowed transliteration and truncation (a
 * re-typed name or date, a swapped number). Known false positives: OCR misreadings of the printed text,
 * which is why every comparison keeps the OCR confidence and box. Reference: ICAO Doc 9303 Part 3.
 */
export function createVizOcrAnalyser(ocr: OcrService): Analyser {
  return {
    id: 'viz-ocr',
    version: '1.0.0',
    title: 'Printed-field OCR and VIZ/MRZ cross-check',
    requires: ['documents'],
    parameters: { langs: VIZ_LANGS, psm: 'sparse' },
    resources: async () => ({ ocr: await ocr.provenance(VIZ_LANGS, 'sparse') }),
    accepts: () => true,
    async run(_item, ctx): Promise<AnalyserOutcome> {
      const documents = ctx.documents();
      if (!documents.length) return { status: 'skipped', reason: 'no document was found in this item' };
      const findings: FindingDraft[] = [];
      const textLines: TextLineDraft[] = [];
      let recognizeMs = 0;
      for (const doc of documents) {
        if (ctx.signal.aborted) return { status: 'failed', error: 'cancelled' };
        const png = await ctx.blob(doc.rectifiedSha256);
        const viz = await extractViz(ocr, png, { langs: VIZ_LANGS });
        recognizeMs += viz.page.timings.recognizeMs;
        for (const line of viz.page.lines) {
          if (!line.text.trim()) continue;
          textLines.push({ source: 'viz', text: line.text.trim(), confidence: line.confidence, box: line.box, space: 'document', documentId: doc.id });
        }
        for (const field of viz.fields) findings.push(fieldFinding(doc.id, field, viz.labelsVersion));
        if (doc.mrz) findings.push(...crossChecks(doc.id, doc.mrz, viz.fields));
      }
      return { status: 'ok', output: { findings, textLines, metrics: { documents: documents.length, recognizeMs: Math.round(recognizeMs) } } };
    },
  };
}

function fieldFinding(documentId: number, field: VizField, labelsVersion: string): FindingDraft {
  return {
    kind: 'viz.field',
    severity: 'info',
    confidence: field.confidence / 100,
    field: field.field,
    documentId,
    space: 'document',
    region: field.box,
    attributes: { field: field.field, text: field.text, normalized: field.normalized, confidence: field.confidence, box: field.box, source: field.source, label: field.label ?? null, labelsVersion },
    explanation: `Printed ${field.field} read as "${field.text}" (${field.source}${field.label ? ` "${field.label.text}"` : ''}, OCR confidence ${Math.round(field.confidence)})`,
  };
}

function crossChecks(documentId: number, mrz: MrzView, fields: readonly VizField[]): FindingDraft[] {
  const out: FindingDraft[] = [];
  const names = nameParts(mrz);
  for (const [vizName, counterpart] of Object.entries(MRZ_COUNTERPART) as [VizFieldName, NonNullable<(typeof MRZ_COUNTERPART)[VizFieldName]>][]) {
    const printed = fields.find((f) => f.field === vizName);
    const mrzValue = counterpart.mrz(mrz);
    if (!printed || mrzValue === null) continue;
    const result = crossCheckField(counterpart.check, printed.text, mrzValue, names ? { mrzFieldFull: names.full } : {});
    out.push({
      kind: 'viz.crosscheck',
      severity: severityOf(result.status),
      confidence: printed.confidence / 100,
      field: counterpart.check,
      documentId,
      space: 'document',
      region: printed.box,
      attributes: { field: counterpart.check, viz: printed.text, mrz: mrzValue.replace(/</g, ' ').trim(), status: result.status, explanation: result.explanation, vizNormalized: result.vizNormalized, mrzNormalized: result.mrzNormalized },
      explanation: `${counterpart.check}: printed "${printed.text}" vs MRZ "${mrzValue.replace(/</g, ' ').trim()}": ${result.status} (${result.explanation})`,
    });
  }
  return out;
}
