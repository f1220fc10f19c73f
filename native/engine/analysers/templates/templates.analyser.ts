import { decodeRgb, encodePng } from '../../imaging/decode';
import type { DecodedImage } from '../../imaging/decode';
import { IMAGE_KINDS } from '../documents/documents.analyser';
import type { Analyser, AnalyserOutcome, ArtifactDraft, DocumentDraft, FindingDraft, TemplateCheckDraft } from '../../pipeline/analyser';
import type { OcrService } from '../ocr';
import { ASSESSMENT_CONFIG } from '../../templates/check/assessment';
import { checkAgainstTemplates, type TemplateCandidate, type TemplateCheckResult } from '../../templates/check/check-document';
import { locateAndRecognise } from '../../templates/check/locate-in-image';
import { AGREES_BELOW, DEVIATES_AT } from '../../templates/check/indicators';
import { checkDetails, checkFindings } from '../../templates/check/outcome';
import type { TemplateService } from '../../templates/service';

/** Today's date in UTC, the reference for date rules (recorded with each run). */
const todayUtc = () => new Date().toISOString().slice(0, 10);

export interface TemplatesAnalyserOptions {
  /** Per-zone forensics ran (its findings on the portrait and fields are taken in). */
  readonly withForensics: boolean;
}

/**
 * The `templates` analyser: every stored document is recognised against the template library (or rejected
 * when no template fits), aligned into the template's reference frame, read zone by zone, compared with the
 * template (layout, fonts, MRZ font, background print, static text, portrait border), checked against the
 * template's formats, rules and MRZ expectations and against its own MRZ, and assessed (docs/TEMPLATES.md).
 *
 * Detects: re-typed or shifted fields, substituted portraits, missing or replaced background print, MRZ in
 * another font, numbers or dates that break the template's rules, VIZ that disagrees with the MRZ. Known false
 * positives: glare or a cropped capture lower the comparisons (blur is met with a reference blurred as much, and
 * glyph shapes are not judged beyond 1.2 px of blur); OCR misreadings can produce format or
 * VIZ/MRZ indicators (scaled by OCR confidence). Results cite the template's id, version and template.json hash.
 */
export function createTemplatesAnalyser(service: TemplateService, ocr: OcrService | null, options: TemplatesAnalyserOptions): Analyser {
  return {
    id: 'templates',
    // 1.1.0: blur-matched fixed-print checks, font not judged on blurred captures, code disagreements by size,
    // date century from the printed year. 1.2.0: zones the capture does not cover are not measured; malformed
    // code readings are not weighed by the size of their disagreement; name disagreements on a poorly read MRZ
    // name line weigh little; light print on dark bands is read in its widest-contrast channel; an unread MRZ
    // asks for review on its own (assessment dev-3).
    version: '1.2.0',
    title: 'Template recognition, comparison and assessment',
    requires: ['documents', ...(options.withForensics ? ['forensics.zones'] : [])],
    parameters: {
      assessment: { version: ASSESSMENT_CONFIG.version, levels: ASSESSMENT_CONFIG.levels, combination: 'noisy-or' },
      zoneStates: { agreesBelow: AGREES_BELOW, deviatesAt: DEVIATES_AT },
      zoneOcr: ocr ? 'tesseract line per text zone' : 'off',
      forensics: options.withForensics,
    },
    resources: async () => {
      const { templates } = await service.list();
      return { templates: templates.map((t) => ({ id: t.id, version: t.version, sha256: t.sha256, trust: t.trust.status, source: t.source })) };
    },
    // Items the document finder reads: the rest hold no document and no print to locate.
    accepts: (item) => IMAGE_KINDS.has(item.kind) && !!item.width && !!item.height,
    async run(_item, ctx): Promise<AnalyserOutcome> {
      const { candidates, problems } = await service.candidates();
      if (!candidates.length) return { status: 'skipped', reason: problems.length ? `no template could be prepared: ${problems.join('; ')}` : 'the template library is empty' };
      const today = todayUtc();
      const documents = ctx.documents();
      if (!documents.length) return locateInItem(await ctx.image(), candidates, today, ocr, problems);
      const zoneForensics = ctx.stored('forensics.zones');
      const findings: FindingDraft[] = [];
      const artifacts: ArtifactDraft[] = [];
      const templateChecks: TemplateCheckDraft[] = [];
      let totalMs = 0;
      for (const doc of documents) {
        if (ctx.signal.aborted) return { status: 'failed', error: 'cancelled' };
        const rectified = await decodeRgb(await ctx.blob(doc.rectifiedSha256));
        const forensics = zoneForensics?.findings.filter((f) => f.documentId === doc.id) ?? [];
        const result = await checkAgainstTemplates({ rectified, mrz: doc.mrz, forensics }, candidates, { today, ocr });
        totalMs += result.timings.totalMs;
        findings.push(...checkFindings(doc.id, result));
        const stored = await storedCheck(result, { documentId: doc.id }, `aligned-${doc.id}`, today);
        if (stored.artifact) artifacts.push(stored.artifact);
        templateChecks.push(stored.check);
      }
      return { status: 'ok', output: { findings, artifacts, templateChecks, metrics: { documents: documents.length, checkMs: Math.round(totalMs), referenceDate: today, problems } } };
    },
  };
}

type DocumentRef = { readonly documentId: number } | { readonly documentOrdinal: number };

/** The template check row and the aligned-image artifact of one checked document. */
async function storedCheck(result: TemplateCheckResult, ref: DocumentRef, alignedName: string, today: string): Promise<{ check: TemplateCheckDraft; artifact: ArtifactDraft | null }> {
  const m = result.matched;
  const artifact: ArtifactDraft | null = m
    ? {
        name: alignedName,
        kind: 'image',
        png: await encodePng(m.alignment.aligned),
        width: m.alignment.aligned.width,
        height: m.alignment.aligned.height,
        ...ref,
        meta: { content: 'questioned document aligned into the template reference frame', template: `${m.candidate.template.template.id}@${m.candidate.template.template.version}`, side: m.candidate.side.side },
      }
    : null;
  const best = result.candidates.reduce((b, c) => Math.max(b, c.score), 0);
  return {
    artifact,
    check: {
      documentId: 'documentId' in ref ? ref.documentId : -1,
      ...('documentOrdinal' in ref ? { documentOrdinal: ref.documentOrdinal } : {}),
      templateId: m?.candidate.template.template.id ?? null,
      templateVersion: m?.candidate.template.template.version ?? null,
      templateSha256: m?.candidate.template.sha256 ?? null,
      side: m?.candidate.side.side ?? null,
      matched: m?.by === 'print',
      recognitionScore: m ? m.alignment.score : best,
      score: result.assessment?.score ?? null,
      level: result.assessment?.level ?? null,
      alignedArtifact: m ? alignedName : null,
      details: { ...checkDetails(result), referenceDate: today },
    },
  };
}

/** ISO/IEC 7810 size class of a template's card width (ID-1 85.6 mm, ID-2 105 mm, ID-3 125 mm). */
const sizeClassOf = (widthMm: number): DocumentDraft['sizeClass'] => (widthMm < 95 ? 'ID1' : widthMm < 115 ? 'ID2' : 'ID3');

/**
 * An item in which the documents analyser found no document: the templates' print is searched in the whole image
 * (check/locate-in-image.ts, the path `caselens check` takes), and a card located and recognised there is stored as
 * this run's own document (method `template-located`, no MRZ read) with its template check. A blank permit on a
 * workshop's PC, without text for the finder to hold on to, is found this way.
 */
async function locateInItem(image: DecodedImage, candidates: readonly TemplateCandidate[], today: string, ocr: OcrService | null, problems: readonly string[]): Promise<AnalyserOutcome> {
  const hit = await locateAndRecognise(image, candidates);
  if (!hit) return { status: 'skipped', reason: "no document was found in this item, and no template's print was located in it" };
  const result = await checkAgainstTemplates({ rectified: hit.located.rectified, mrz: null, outlineFound: true }, candidates, { today, ocr });
  const scale = image.fullWidth / image.width;
  const template = hit.candidate.template.template;
  const side = hit.candidate.side.side;
  const stored = await storedCheck(result, { documentOrdinal: 0 }, 'aligned-located-0', today);
  const document: DocumentDraft = {
    sizeClass: sizeClassOf(template.size.widthMm),
    side: side === 'front' || side === 'back' ? side : 'unknown',
    quad: hit.located.quad.map(([x, y]) => [x * scale, y * scale] as const),
    method: 'template-located',
    confidence: Number(hit.alignment.score.toFixed(3)),
    rectifiedPng: await encodePng(hit.located.rectified),
    rectifiedWidth: hit.located.rectified.width,
    rectifiedHeight: hit.located.rectified.height,
    mrz: null,
    keyFields: { documentNumber: null, surname: null, givenNames: null, birthDate: null, expiryDate: null, issuingState: null, nationality: null, sex: null },
    details: { locatedBy: 'templates', template: `${template.id}@${template.version}`, side, featurePairs: hit.located.inliers, referenceDate: today },
    findings: checkFindings(-1, result).map(({ documentId: _documentId, ...f }) => f),
    textLines: [],
  };
  return {
    status: 'ok',
    output: { documents: [document], artifacts: stored.artifact ? [stored.artifact] : [], templateChecks: [stored.check], metrics: { documents: 1, located: true, checkMs: Math.round(result.timings.totalMs), referenceDate: today, problems } },
  };
}
