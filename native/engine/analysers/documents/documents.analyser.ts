import type { MrzResult } from '../../domain/mrz';
import { encodePng } from '../../imaging/decode';
import type { Analyser, AnalyserOutcome, DocumentDraft, TextLineDraft } from '../../pipeline/analyser';
import { ocrbModelProvenance } from './ocrb-provenance';
import { checkImage, NO_MRZ_MIN_TEXT_COVERAGE, NO_MRZ_MIN_TEXT_LINES, type CheckTimings } from './check-image';
import { documentFindings } from './document-findings';
import { mrzView } from './mrz-view';

/** Kinds the finder can decode (the same set ingest makes thumbnails for). */
export const IMAGE_KINDS = new Set(['jpeg', 'png', 'webp', 'avif', 'tiff', 'gif', 'heif']);

const fieldText = (mrz: MrzResult, name: keyof MrzResult['fields']) => {
  const f = mrz.fields[name];
  return f && f.text ? f.text : null;
};

function keyFields(mrz: MrzResult | null): DocumentDraft['keyFields'] {
  if (!mrz) return { documentNumber: null, surname: null, givenNames: null, birthDate: null, expiryDate: null, issuingState: null, nationality: null, sex: null };
  return {
    documentNumber: fieldText(mrz, 'documentNumber'),
    surname: mrz.name?.surname || null,
    givenNames: mrz.name?.givenNames || null,
    birthDate: mrz.fields.birthDate?.raw ?? null,
    expiryDate: mrz.fields.expiryDate?.raw ?? null,
    issuingState: fieldText(mrz, 'issuingState'),
    nationality: fieldText(mrz, 'nationality'),
    sex: mrz.fields.sex?.raw ?? null,
  };
}

/** Today's date in UTC, the reference for expiry and age rules (recorded with each run). */
const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The `documents` analyser: finds every identity document in an image (ID-1, ID-2, ID-3 sizes; several
 * per image; rotated, in perspective, on cluttered backgrounds), rectifies it, reads and checks its MRZ.
 *
 * Detects: failing check digits (forged or altered data, or misreadings: the reader's confidence is
 * stated), implausible dates, unknown codes, irregular fillers. Known false positives: a badly blurred
 * or glared MRZ can fail a check digit through misreading; heavily cropped documents may be missed.
 * Reference: ICAO Doc 9303 Parts 3-6.
 */
export function createDocumentsAnalyser(): Analyser {
  return {
    id: 'documents',
    version: '1.0.0',
    title: 'Document finder and MRZ reader',
    requires: [],
    parameters: {
      finder: 'edges+mrz-anchor+whole-image',
      canonicalDpi: 300,
      mrzReader: 'ocrb-fixed-pitch',
      mrzCorrection: 'check-digit, max 2 substitutions per check',
      withoutMrz: { minTextCoverage: NO_MRZ_MIN_TEXT_COVERAGE, minTextLines: NO_MRZ_MIN_TEXT_LINES },
    },
    resources: async () => ({ ocrbModel: ocrbModelProvenance() }),
    accepts: (item) => IMAGE_KINDS.has(item.kind) && !!item.width && !!item.height,
    async run(_item, ctx): Promise<AnalyserOutcome> {
      const image = await ctx.image();
      const timings: CheckTimings = { findMs: 0, readMs: 0, parseMs: 0 };
      const today = todayUtc();
      const checked = await checkImage(image, { today }, timings);
      // Quads are found on the (possibly shrunk) decoded image; item space is the full-resolution original.
      const toItem = image.fullWidth / image.width;
      const documents: DocumentDraft[] = [];
      for (const doc of checked) {
        const view = doc.mrz ? mrzView(doc.mrz, doc.reading?.lines ?? null) : null;
        const mrz = doc.mrz;
        const textLines: TextLineDraft[] = (mrz?.lines ?? []).map((text, l) => ({
          source: 'mrz',
          text,
          // The parsed values on this line, so a number or date is found on its own, not only inside `UTOD2314…`.
          searchText: Object.values(mrz?.fields ?? {})
            .filter((f) => f !== undefined && f.line === l && f.text)
            .map((f) => f!.text)
            .join(' '),
          confidence: doc.reading ? Math.round(doc.reading.confidence * 100) : null,
          box: doc.reading?.lines[l]?.box ?? null,
          space: 'document',
        }));
        documents.push({
          sizeClass: doc.sizeClass,
          side: doc.side,
          quad: doc.quad.map(([x, y]) => [Math.round(x * toItem * 10) / 10, Math.round(y * toItem * 10) / 10] as const),
          method: doc.method,
          confidence: doc.confidence,
          rectifiedPng: await encodePng(doc.rectified),
          rectifiedWidth: doc.rectified.width,
          rectifiedHeight: doc.rectified.height,
          mrz: view,
          keyFields: keyFields(doc.mrz),
          details: { confidenceParts: doc.confidenceParts, readConfidence: doc.reading?.confidence ?? null, referenceDate: today },
          findings: documentFindings(doc),
          textLines,
        });
      }
      return {
        status: 'ok',
        output: { documents, metrics: { findMs: Math.round(timings.findMs), readMs: Math.round(timings.readMs), parseMs: Math.round(timings.parseMs), referenceDate: today, decodedWidth: image.width } },
      };
    },
  };
}
