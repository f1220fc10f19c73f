import sharp from 'sharp';
import type { Analyser, AnalyserOutcome, TextLineDraft } from '../../pipeline/analyser';
import type { OcrService } from '../ocr';
import { measureTextPresence } from './text-presence';

/**
 * Gate for general OCR: at least 5 text-line candidates covering 0.5 % of the image. Measured on
 * 2026-12-02 (tests/integration/text-ocr.test.ts keeps the first two): a rendered chat screenshot 56 lines /
 * 11.6 %; passport photos from the corpus 16-32 lines / 14-18 %; the 26 camera photos of the corpus at
 * most 2 lines (most 0-1, coverage up to 2.9 %). Synthetic skyline scenes reach 21 lines: their windows
 * look like text, so those get OCR (costly, harmless). Items below the gate are recorded as skipped
 * with the measured figures, so an examiner can see why.
 */
export const MIN_TEXT_COVERAGE = 0.005;
export const MIN_TEXT_LINES = 5;
/** Languages for general OCR: regional Latin first (its diacritics), Serbian Cyrillic, then English. */
export const GENERAL_OCR_LANGS = ['srp_latn', 'srp', 'eng'] as const;
/**
 * Long side of the image handed to Tesseract. Screens and documents photographed at phone resolution
 * keep 20+ px text at 2400 px; larger only slows recognition down.
 */
const OCR_MAX_SIDE = 2400;
/** Lines below this confidence (0-100) are Tesseract guessing at texture; they are not stored. */
const MIN_LINE_CONFIDENCE = 30;

const OCR_KINDS = new Set(['jpeg', 'png', 'webp', 'avif', 'tiff', 'gif', 'heif']);

/**
 * General OCR of items: screenshots and photos of text (chats, lists of names, document numbers). Text
 * lines are stored with their boxes in upright item pixels and indexed for search.
 */
export function createTextOcrAnalyser(ocr: OcrService): Analyser {
  const parameters = { langs: GENERAL_OCR_LANGS, psm: 'auto', maxSide: OCR_MAX_SIDE, minTextCoverage: MIN_TEXT_COVERAGE, minTextLines: MIN_TEXT_LINES, minLineConfidence: MIN_LINE_CONFIDENCE };
  return {
    id: 'text-ocr',
    version: '1.0.0',
    title: 'General OCR of images with text',
    requires: ['documents'],
    parameters,
    resources: async () => ({ ocr: await ocr.provenance(GENERAL_OCR_LANGS, 'auto') }),
    accepts: (item) => OCR_KINDS.has(item.kind) && !!item.width && !!item.height,
    async run(_item, ctx): Promise<AnalyserOutcome> {
      const image = await ctx.image();
      const presence = await measureTextPresence(image);
      if (presence.coverage < MIN_TEXT_COVERAGE || presence.lines < MIN_TEXT_LINES) {
        return { status: 'skipped', reason: `no text found: ${presence.lines} text-line candidates covering ${(presence.coverage * 100).toFixed(2)} % of the image (gate: ${MIN_TEXT_LINES} lines, ${MIN_TEXT_COVERAGE * 100} %)` };
      }
      const scale = Math.min(1, OCR_MAX_SIDE / Math.max(image.width, image.height));
      const png = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), { raw: { width: image.width, height: image.height, channels: 3 } })
        .resize(Math.round(image.width * scale), Math.round(image.height * scale))
        .png({ compressionLevel: 1 })
        .toBuffer();
      if (ctx.signal.aborted) return { status: 'failed', error: 'cancelled' };
      const result = await ocr.recognize(png, { langs: GENERAL_OCR_LANGS, psm: 'auto' });
      // Boxes come in OCR-image pixels; item space is the full-resolution upright original.
      const toItem = image.fullWidth / (image.width * scale);
      const textLines: TextLineDraft[] = result.lines
        .filter((l) => l.text.trim() && l.confidence >= MIN_LINE_CONFIDENCE)
        .map((l) => ({
          source: 'ocr',
          text: l.text.trim(),
          confidence: l.confidence,
          box: { x: Math.round(l.box.x * toItem), y: Math.round(l.box.y * toItem), width: Math.round(l.box.width * toItem), height: Math.round(l.box.height * toItem) },
          space: 'item',
        }));
      return { status: 'ok', output: { textLines, metrics: { textCoverage: presence.coverage, textLineCandidates: presence.lines, recognizeMs: Math.round(result.timings.recognizeMs), meanConfidence: result.confidence } } };
    },
  };
}
