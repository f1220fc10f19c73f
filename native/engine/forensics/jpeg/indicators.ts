/**
 * Indicators of the JPEG structure kernel (`jpeg.structure.*`). Each says what was found in the file;
 * none says "edited". Scores: 1 for an observed fact (an exact table match, missing EOI, segments out of
 * order); for `non-standard-tables` the relative distance to the nearest reference (mean absolute
 * difference / mean step of that reference, capped at 1); for `trailing-data` the share of trailing
 * bytes that neither padding nor an MPF-listed image accounts for.
 */
import type { ForensicIndicator } from '../types';
import type { EncoderCandidate, EncoderIdentification } from './encoder-id';
import { jpegSignatures } from './encoder-id';
import type { JpegQualityEstimate } from './quality';
import type { AnomalyCode, JpegStructure } from './types';

const indicator = (kind: string, severity: ForensicIndicator['severity'], score: number, summary: string, attributes: Record<string, unknown>): ForensicIndicator => ({
  kind: `jpeg.structure.${kind}`,
  severity,
  score,
  region: null,
  summary,
  attributes,
});

/** "baseline, standard Huffman tables, 4:2:0": the coding facts appended to the table summary. */
function codingFacts(s: JpegStructure): string {
  const f = s.frame;
  if (!f) return 'no frame header';
  const huffman = { standard: 'standard (Annex K) Huffman tables', optimised: 'optimised Huffman tables', mixed: 'standard and optimised Huffman tables', none: 'no Huffman tables', arithmetic: 'arithmetic coding' }[s.huffman];
  return `${f.progressive ? `progressive (${s.scans.length} scans)` : f.process.split(',')[0]}, ${huffman}, ${f.subsampling}${s.restartInterval ? `, restart interval ${s.restartInterval}` : ''}`;
}

const describe = (c: EncoderCandidate): string => `reference "${c.label}" (${c.source}${c.alsoSeen.length ? `, also seen in ${c.alsoSeen.length} other source(s)` : ''})`;

function tableIndicator(s: JpegStructure, q: JpegQualityEstimate, encoder: EncoderIdentification | null): ForensicIndicator | null {
  if (!q.overall || !encoder) return null;
  const facts = codingFacts(s);
  const best = encoder.exact[0];
  const attributes = { quality: q.overall.quality, exactIjg: q.overall.exact, family: best?.family ?? null, label: best?.label ?? null, source: best?.source ?? null, signaturesVersion: encoder.signaturesVersion };
  if (best && best.family !== 'ijg') {
    const kind = best.family === 'editor' ? 'editor-tables' : best.family === 'camera' ? 'camera-tables' : 'encoder-tables';
    const note =
      best.family === 'editor'
        ? 'tables of an image editor: the file was last encoded by such a program, unless a camera happens to use the same tables'
        : best.family === 'camera'
          ? 'the reference label is what exiftool or that file\'s EXIF says; equal tables are consistent with, not proof of, that device'
          : 'tables of that encoder or source';
    return indicator(kind, best.family === 'editor' ? 'notice' : 'info', 1, `quantization tables equal ${describe(best)}; ${note}; ${facts}`, attributes);
  }
  if (q.overall.exact) {
    return indicator('ijg-tables', 'info', 1, `quantization tables equal IJG quality ${q.overall.quality} scaled tables (libjpeg family: libjpeg, libjpeg-turbo, libvips/sharp, PIL, GIMP, many phones; not one program); ${facts}`, attributes);
  }
  if (q.linearScale !== null) {
    return indicator('ijg-tables', 'info', 1, `quantization tables equal the Annex K tables scaled by ${q.linearScale} % (IJG linear scaling, no quality 1..100 gives exactly this); ${facts}`, { ...attributes, linearScale: q.linearScale });
  }
  const nearest = encoder.nearest[0];
  if (!nearest) return null;
  const reference = jpegSignatures().find((e) => e.source === nearest.source && e.label === nearest.label);
  const meanStep = reference ? reference.luma.reduce((a, b) => a + b, 0) / 64 : 1;
  return indicator(
    'non-standard-tables',
    'info',
    Math.min(1, nearest.distance / meanStep),
    `quantization tables are not IJG-scaled (nearest IJG quality ${q.overall.quality}, mean |difference| ${q.overall.meanAbsError.toFixed(1)} steps) and equal none of ${jpegSignatures().length} reference pairs (nearest: ${nearest.label}, mean |difference| ${nearest.distance.toFixed(1)} steps); cameras, phones and editors often use their own tables; ${facts}`,
    { ...attributes, nearest: nearest.label, nearestSource: nearest.source, nearestDistance: nearest.distance },
  );
}

const DAMAGE: readonly AnomalyCode[] = ['bad-segment', 'extraneous-bytes', 'unknown-marker', 'multiple-frames', 'undefined-table', 'no-frame', 'limit-reached'];

/** Turns a parsed structure, quality fit and encoder ranking into `jpeg.structure.*` indicators. */
export function structureIndicators(s: JpegStructure, q: JpegQualityEstimate, encoder: EncoderIdentification | null): ForensicIndicator[] {
  const out: ForensicIndicator[] = [];
  const tables = tableIndicator(s, q, encoder);
  if (tables) out.push(tables);
  const of = (codes: readonly AnomalyCode[]) => s.anomalies.filter((a) => codes.includes(a.code));
  if (s.eoiOffset === null) {
    const truncated = of(['truncated']).map((a) => a.detail);
    out.push(indicator('missing-eoi', 'notice', 1, `no EOI marker in ${s.fileSize} bytes${truncated.length ? ` (${truncated.join('; ')})` : ''}: the file is truncated or was cut`, { fileSize: s.fileSize, details: truncated }));
  }
  if (s.trailingBytes > 0) {
    const explained = s.trailerUnexplainedBytes === 0;
    const eoi = s.eoiOffset ?? 0;
    const what =
      s.trailer === 'padding'
        ? 'only 0x00/0xFF padding'
        : s.trailer === 'mpf-images'
          ? `the ${s.mpfImages.length - 1} further image(s) listed in the MPF index (phones store previews, depth or gain maps there)${explained ? '' : `, plus ${s.trailerUnexplainedBytes} bytes not accounted for`}`
          : s.trailer === 'jpeg'
            ? 'another JPEG (SOI) that no MPF index lists'
            : 'data that is neither padding nor an indexed image';
    out.push(
      indicator('trailing-data', explained ? 'info' : 'notice', s.trailerUnexplainedBytes / s.trailingBytes, `${s.trailingBytes} bytes after EOI at offset ${eoi}: ${what}; viewers do not show them`, {
        trailingBytes: s.trailingBytes,
        trailer: s.trailer,
        unexplainedBytes: s.trailerUnexplainedBytes,
        offset: eoi + 2,
      }),
    );
  }
  const order = of(['marker-order']);
  if (order.length) out.push(indicator('marker-order', 'info', 1, `segment order differs from what encoders write: ${order.map((a) => a.detail).join('; ')}`, { details: order }));
  const damage = of(DAMAGE);
  if (damage.length) out.push(indicator('damage', 'notice', 1, `structure damage: ${damage.map((a) => `${a.code} at ${a.offset ?? '?'}: ${a.detail}`).join('; ')}`, { details: damage }));
  const redefined = of(['table-redefined', 'duplicate-app-segment']);
  if (redefined.length) out.push(indicator('redefinition', 'info', 1, `repeated definitions: ${redefined.map((a) => a.detail).join('; ')}`, { details: redefined }));
  if (of(['no-huffman-tables']).length) out.push(indicator('no-huffman-tables', 'info', 1, 'no DHT segment: Motion-JPEG style frame (webcams, video stills) relying on the Annex K tables', {}));
  if (s.comments.length) out.push(indicator('comment', 'info', 1, `COM segment text (often names the encoder): ${s.comments.map((c) => JSON.stringify(c)).join(', ')}`, { comments: s.comments }));
  return out;
}
