/**
 * A cheap test for "is there printed or screen text in this image?", run before general OCR so that a
 * case of 50,000 holiday photos does not spend a second of Tesseract on each. It measures how much of
 * the image is covered by text-line-shaped regions of strong local contrast (the classic gradient +
 * horizontal closing detector), on a small copy of the image.
 */
import { rgbToGray } from '../../imaging/decode';
import type { RgbImage } from '../../imaging/raster';
import { loadOpenCv, withMats } from '../../imaging/opencv';

/** Working width: text of 10 px cap height in a 4000 px photo is still ~2 px here, the limit we accept. */
export const PRESENCE_WIDTH = 1000;
/**
 * Text-line candidates must be at least this wide relative to their height: words and lines are wide,
 * blobs and edges of objects mostly are not.
 */
const MIN_LINE_ASPECT = 2.5;
/** Line heights (px at working width) that text plausibly has, from small captions to headings. */
const MIN_LINE_HEIGHT = 5;
const MAX_LINE_HEIGHT = 80;

export interface TextPresence {
  /** Share of the image area covered by text-line candidates, in [0, 1]. */
  readonly coverage: number;
  /** Number of text-line candidates. */
  readonly lines: number;
}

/** Measure text-line coverage. Pure measurement: the caller applies its threshold. */
export async function measureTextPresence(image: RgbImage): Promise<TextPresence> {
  const cv = await loadOpenCv();
  const gray = rgbToGray(image);
  return withMats((track) => {
    const src = track(cv.matFromArray(gray.height, gray.width, cv.CV_8UC1, Array.from(gray.data)));
    const scale = Math.min(1, PRESENCE_WIDTH / gray.width);
    const small = track(new cv.Mat());
    cv.resize(src, small, new cv.Size(Math.max(1, Math.round(gray.width * scale)), Math.max(1, Math.round(gray.height * scale))), 0, 0, cv.INTER_AREA);
    const grad = track(new cv.Mat());
    const kernel = track(cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(3, 3)));
    cv.morphologyEx(small, grad, cv.MORPH_GRADIENT, kernel);
    const bin = track(new cv.Mat());
    cv.threshold(grad, bin, 0, 255, cv.THRESH_BINARY | cv.THRESH_OTSU);
    // Join letters of a word/line: a horizontal closing about two letter widths long.
    const joined = track(new cv.Mat());
    const lineKernel = track(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(9, 1)));
    cv.morphologyEx(bin, joined, cv.MORPH_CLOSE, lineKernel);
    const contours = track(new cv.MatVector());
    const hierarchy = track(new cv.Mat());
    cv.findContours(joined, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
    let area = 0;
    let lines = 0;
    for (let i = 0; i < contours.size(); i++) {
      const c = contours.get(i);
      const r = cv.boundingRect(c);
      const filled = cv.contourArea(c) / Math.max(1, r.width * r.height);
      c.delete();
      // Text lines are solid after closing (filled ≥ 0.45); thin diagonal edges and outlines are not.
      if (r.height >= MIN_LINE_HEIGHT && r.height <= MAX_LINE_HEIGHT && r.width >= MIN_LINE_ASPECT * r.height && filled >= 0.45) {
        area += r.width * r.height;
        lines++;
      }
    }
    return { coverage: area / (small.rows * small.cols), lines };
  });
}
