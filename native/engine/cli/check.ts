import { promises as fs } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { checkImage, type CheckTimings, type CheckedDocument } from '../analysers/documents/check-image';
import { createOcrService, type OcrService } from '../analysers/ocr';
import { extractViz } from '../analysers/viz';
import { VIZ_LANGS } from '../analysers/viz-ocr/viz-ocr.analyser';
import { EngineError } from '../contract';
import type { MrzResult } from '../domain/mrz';
import { encodePng, decodeRgb } from '../imaging/decode';
import { hashBuffer } from '../ingest/extract';
import { ANALYSIS_MAX_SIDE } from '../pipeline/runner';
import { loadTemplate, mrzExpectations } from '../templates/template';
import { ForensicPool } from '../forensics/pool/pool';
import { checkForensics } from './check-forensics';
import { mrzView } from '../analysers/documents/mrz-view';
import { checkAgainstTemplates, type TemplateCandidate } from '../templates/check/check-document';
import { assessmentJson, locatedDocumentJson, templateJson } from '../templates/check/outcome';
import { TemplateService } from '../templates/service';
import { defaultDataDir } from './serve';

/** The `fields` object of the CLI contract: MRZ values as written (dates YYMMDD), fillers removed. */
function contractFields(mrz: MrzResult): Record<string, string | null> {
  const text = (name: keyof MrzResult['fields']) => mrz.fields[name]?.text ?? null;
  const raw = (name: keyof MrzResult['fields']) => mrz.fields[name]?.raw ?? null;
  const td1 = mrz.format === 'TD1';
  return {
    documentCode: text('documentCode'),
    issuingState: text('issuingState'),
    documentNumber: text('documentNumber'),
    surname: mrz.name?.surname ?? null,
    givenNames: mrz.name?.givenNames ?? null,
    nationality: text('nationality'),
    birthDate: raw('birthDate'),
    sex: raw('sex'),
    expiryDate: raw('expiryDate'),
    optional1: td1 ? text('optionalData1') : (text('personalNumber') ?? text('optionalData')),
    optional2: td1 ? text('optionalData2') : null,
  };
}

function mrzJson(doc: CheckedDocument) {
  const mrz = doc.mrz;
  if (!mrz) return { found: false, format: null, lines: [], valid: false, fields: null, checks: [], corrections: [] };
  return {
    found: true,
    format: mrz.format,
    lines: mrz.lines,
    rawLines: mrz.rawLines,
    valid: mrz.valid,
    fields: contractFields(mrz),
    fieldStatus: Object.fromEntries(Object.values(mrz.fields).flatMap((f) => (f ? [[f.name, { status: f.status, line: f.line, start: f.start, end: f.end }]] : []))),
    checks: mrz.checks.map((c) => ({ name: c.id, line: c.line, column: c.column, expected: c.expected, found: c.found, valid: c.valid })),
    corrections: mrz.corrections,
    ambiguities: mrz.ambiguities,
    issues: mrz.issues,
    readConfidence: doc.reading?.confidence ?? null,
  };
}

/**
 * `caselens check <image>... --json [--template <dir>] [--no-templates] [--no-viz] [--no-forensics] [--maps <dir>]
 * [--mask-out <dir>] [--today YYYY-MM-DD]`: find, read and check the identity documents in loose image
 * files and run the forensic suite on them, without a case. One object per image (an array on stdout); a
 * file that cannot be read gets an `error` and the others carry on (exit code 1). Each document carries
 * `template` ({id, version, sha256, side, matched, score}; unmatched: {id of the closest, matched:false, score,
 * reason}), `assessment` ({score, level, reasons[{code, zone, message, weight}]}, null when no template matched)
 * and `zones` (state per template zone): against `--template <dir>` only, else every known template.
 */
export async function checkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      template: { type: 'string' },
      'no-viz': { type: 'boolean' },
      'no-forensics': { type: 'boolean' },
      'no-templates': { type: 'boolean' },
      maps: { type: 'string' },
      'mask-out': { type: 'string' },
      today: { type: 'string' },
    },
  });
  if (!values.json) throw new EngineError('invalid-args', 'check prints JSON only: add --json');
  if (!positionals.length) throw new EngineError('invalid-args', 'missing <image> to check');
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new EngineError('invalid-args', '--today takes YYYY-MM-DD');
  const template = values.template ? await loadTemplate(values.template) : null;
  const expectations = template ? mrzExpectations(template.template) : undefined;
  if (template && values['no-templates']) throw new EngineError('invalid-args', '--template and --no-templates contradict each other');
  // Without --template every template of the library (bundled and <data folder>/templates) is tried.
  const templates = new TemplateService(defaultDataDir());
  let candidates: TemplateCandidate[] = [];
  if (template) candidates = await Promise.all(template.template.sides.map((side) => templates.prepare(template, side.name)));
  else if (!values['no-templates']) candidates = (await templates.candidates()).candidates;
  if (values['no-forensics'] && (values.maps || values['mask-out'])) throw new EngineError('invalid-args', '--maps and --mask-out need the forensic suite: drop --no-forensics');
  let ocr: OcrService | null = null;
  const pool = values['no-forensics'] ? null : new ForensicPool();
  const results: unknown[] = [];
  let failed = 0;
  try {
    for (const file of positionals) {
      const started = performance.now();
      try {
        const bytes = await fs.readFile(file);
        const t0 = performance.now();
        const image = await decodeRgb(bytes, ANALYSIS_MAX_SIDE);
        const decodeMs = performance.now() - t0;
        const timings: CheckTimings = { findMs: 0, readMs: 0, parseMs: 0 };
        const documents = await checkImage(image, { today, ...(expectations ? { template: expectations } : {}) }, timings);
        const toOriginal = image.fullWidth / image.width;
        let vizMs = 0;
        let templateMs = 0;
        const out = [];
        for (const doc of documents) {
          let viz: Record<string, unknown> | null = null;
          if (!values['no-viz']) {
            ocr ??= createOcrService();
            const v0 = performance.now();
            const extraction = await extractViz(ocr, await encodePng(doc.rectified), { langs: VIZ_LANGS });
            vizMs += performance.now() - v0;
            viz = Object.fromEntries(extraction.fields.map((f) => [f.field, { text: f.text, normalized: f.normalized, confidence: f.confidence, box: f.box, source: f.source }]));
          }
          let templateResult = null;
          if (candidates.length) {
            if (!values['no-viz']) ocr ??= createOcrService();
            const t0 = performance.now();
            templateResult = await checkAgainstTemplates({ rectified: doc.rectified, mrz: doc.mrz ? mrzView(doc.mrz, doc.reading?.lines ?? null) : null }, candidates, { today, ocr: values['no-viz'] ? null : ocr });
            templateMs += performance.now() - t0;
          }
          out.push({
            ...(templateResult ? { template: templateJson(templateResult), assessment: assessmentJson(templateResult), zones: templateResult.zones.map((z) => ({ id: z.id, state: z.state })) } : {}),
            quad: doc.quad.map(([x, y]) => [Math.round(x * toOriginal * 10) / 10, Math.round(y * toOriginal * 10) / 10]),
            sizeClass: doc.sizeClass,
            side: doc.side,
            method: doc.method,
            confidence: doc.confidence,
            mrz: mrzJson(doc),
            viz,
            plausibility: doc.plausibility,
          });
        }
        if (documents.length === 0 && candidates.length) {
          // No outline found: the templates' print is searched in the whole image (templates/align/locate.ts).
          if (!values['no-viz']) ocr ??= createOcrService();
          const t0 = performance.now();
          const located = await checkAgainstTemplates({ rectified: { width: image.width, height: image.height, data: image.data }, mrz: null, outlineFound: false }, candidates, { today, ocr: values['no-viz'] ? null : ocr });
          templateMs += performance.now() - t0;
          if (located.matched) out.push(locatedDocumentJson(located, toOriginal));
        }
        const f0 = performance.now();
        // A forensic failure (an image over the forensic size limit, say) is reported for this image; its documents still are.
        const forensics = pool
          ? await checkForensics(pool, file, bytes, { ...(values.maps ? { mapsDir: values.maps } : {}), ...(values['mask-out'] ? { maskDir: values['mask-out'] } : {}) }).catch(
              (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
            )
          : null;
        const forensicsMs = performance.now() - f0;
        const round = (ms: number) => Math.round(ms * 10) / 10;
        results.push({
          file: path.resolve(file),
          sha256: hashBuffer(bytes).sha256,
          width: image.fullWidth,
          height: image.fullHeight,
          documents: out,
          ...(forensics ? { forensics } : {}),
          ...(template ? { template: { id: template.template.id, version: template.template.version, sha256: template.sha256 } } : {}),
          timings: { totalMs: round(performance.now() - started), decodeMs: round(decodeMs), findMs: round(timings.findMs), readMs: round(timings.readMs), parseMs: round(timings.parseMs), vizMs: round(vizMs), templateMs: round(templateMs), forensicsMs: round(forensicsMs) },
        });
      } catch (error) {
        failed++;
        results.push({ file: path.resolve(file), error: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    await Promise.all([ocr?.terminate(), pool?.close()]);
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return failed ? 1 : 0;
}
