/** Flattens a tesseract.js page (blocks → paragraphs → lines → words) into our plain line/word lists. */
import type Tesseract from 'tesseract.js';
import type { OcrBox, OcrLine, OcrWord } from './ocr-types';

function toBox(bbox: Tesseract.Bbox): OcrBox {
  return { x: bbox.x0, y: bbox.y0, width: bbox.x1 - bbox.x0, height: bbox.y1 - bbox.y0 };
}

/** Rounded to one decimal: Tesseract's confidences carry float noise that would only bloat stored JSON. */
const roundConfidence = (value: number) => Math.round(value * 10) / 10;

/** Words with no visible character (Tesseract emits them for noise blobs) are dropped. */
function toWords(line: Tesseract.Line): OcrWord[] {
  return line.words
    .filter((word) => word.text.trim() !== '')
    .map((word) => ({ text: word.text.trim(), confidence: roundConfidence(word.confidence), box: toBox(word.bbox) }));
}

/** Lines in Tesseract's reading order, each with its words; lines without words are dropped. */
export function linesOfPage(page: Tesseract.Page): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = toWords(line);
        if (words.length === 0) continue;
        lines.push({ text: words.map((word) => word.text).join(' '), confidence: roundConfidence(line.confidence), box: toBox(line.bbox), words });
      }
    }
  }
  return lines;
}
