import { decodeRgb, encodePng } from '../../imaging/decode';
import type { Analyser, AnalyserOutcome, ArtifactDraft, FindingDraft, TemplateCheckDraft } from '../../pipeline/analyser';
import type { OcrService } from '../ocr';
import { ASSESSMENT_CONFIG } from '../../templates/check/assessment';
import { checkAgainstTemplates } from '../../templates/check/check-document';
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
    accepts: () => true,
    async run(_item, ctx): Promise<AnalyserOutcome> {
      const documents = ctx.documents();
      if (!documents.length) return { status: 'skipped', reason: 'no document was found in this item' };
      const { candidates, problems } = await service.candidates();
      if (!candidates.length) return { status: 'skipped', reason: problems.length ? `no template could be prepared: ${problems.join('; ')}` : 'the template library is empty' };
      const today = todayUtc();
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
        const m = result.matched;
        const alignedName = m ? `aligned-${doc.id}` : null;
        if (m && alignedName) {
          artifacts.push({
            name: alignedName,
            kind: 'image',
            png: await encodePng(m.alignment.aligned),
            width: m.alignment.aligned.width,
            height: m.alignment.aligned.height,
            documentId: doc.id,
            meta: { content: 'questioned document aligned into the template reference frame', template: `${m.candidate.template.template.id}@${m.candidate.template.template.version}`, side: m.candidate.side.side },
          });
        }
        const best = result.candidates.reduce((b, c) => Math.max(b, c.score), 0);
        templateChecks.push({
          documentId: doc.id,
          templateId: m?.candidate.template.template.id ?? null,
          templateVersion: m?.candidate.template.template.version ?? null,
          templateSha256: m?.candidate.template.sha256 ?? null,
          side: m?.candidate.side.side ?? null,
          matched: m?.by === 'print',
          recognitionScore: m ? m.alignment.score : best,
          score: result.assessment?.score ?? null,
          level: result.assessment?.level ?? null,
          alignedArtifact: alignedName,
          details: { ...checkDetails(result), referenceDate: today },
        });
      }
      return { status: 'ok', output: { findings, artifacts, templateChecks, metrics: { documents: documents.length, checkMs: Math.round(totalMs), referenceDate: today, problems } } };
    },
  };
}
