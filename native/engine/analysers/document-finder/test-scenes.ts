/**
 * Test-only scene composition: documents with known outlines placed (perspective warp) on synthetic
 * backgrounds, then blurred, noised and JPEG-compressed. Used by the finder's tests; not part of the product.
 */
import sharp from 'sharp';
import { loadOpenCv } from '../../imaging/opencv';
import type { Point, Quad, RgbImage } from '../../imaging/raster';
import { CANONICAL_PX, MRZ_GEOMETRY, MRZ_LINE_PITCH_MM, MRZ_PITCH_MM, SIZE_MM } from './types';
import type { MrzFormat, SizeClass } from './types';

/** An RGBA raster (4 channels interleaved). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export type Background = 'white-bed' | 'gray-noise' | 'gradient' | 'clutter' | 'wood' | 'keyboard';

/** Small seeded PRNG (mulberry32) so scenes are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Fictional MRZ lines of a format (content irrelevant to the finder; check digits not computed). */
export function sampleMrz(format: MrzFormat): string[] {
  const { chars, lines } = MRZ_GEOMETRY[format];
  const base = ['I<UTOD231458907<<<<<<<<<<<<<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<<<<<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<<<<'];
  if (format === 'TD3') base[0] = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
  return base.slice(0, lines).map((l) => l.padEnd(chars, '<').slice(0, chars));
}

/**
 * A plain document of a size class drawn as SVG at `width` px: tinted paper, header, portrait block,
 * text rows and (unless `mrz` is false) an OCR-B MRZ at the nominal Doc 9303 place.
 */
export function documentSvg(sizeClass: SizeClass, width: number, opts: { mrz?: MrzFormat | false; hue?: number } = {}): string {
  const mm = width / SIZE_MM[sizeClass].width;
  const W = width;
  const H = Math.round(SIZE_MM[sizeClass].height * mm);
  const hue = opts.hue ?? 200;
  const p: string[] = [`<rect width="${W}" height="${H}" rx="${(sizeClass === 'ID1' ? 3.18 : 1) * mm}" fill="hsl(${hue},35%,90%)"/>`];
  p.push(`<rect x="${4 * mm}" y="${3 * mm}" width="${W - 8 * mm}" height="${7 * mm}" fill="hsl(${hue},50%,35%)"/>`);
  p.push(`<text x="${6 * mm}" y="${8.5 * mm}" font-family="DejaVu Sans" font-weight="bold" font-size="${4.5 * mm}" fill="#fff">UTOPIA</text>`);
  p.push(`<rect x="${5 * mm}" y="${13 * mm}" width="${24 * mm}" height="${30 * mm}" fill="hsl(30,30%,60%)"/>`);
  for (let i = 0; i < 5; i++) p.push(`<text x="${33 * mm}" y="${(17 + i * 5) * mm}" font-family="DejaVu Sans" font-size="${3 * mm}" fill="#222">FIELD ${i} VALUE</text>`);
  const fmt = opts.mrz ?? (sizeClass === 'ID1' ? 'TD1' : sizeClass === 'ID2' ? 'TD2' : 'TD3');
  if (fmt) {
    const g = MRZ_GEOMETRY[fmt];
    const lines = sampleMrz(fmt);
    const font = (MRZ_PITCH_MM / 0.723) * mm; // OCR-B advance is 0.723 em
    lines.forEach((line, i) => {
      const centre = H - (g.bottomCentreMm + (g.lines - 1 - i) * MRZ_LINE_PITCH_MM) * mm;
      for (let c = 0; c < line.length; c++) {
        const x = (g.leftMm + (c + 0.5) * MRZ_PITCH_MM) * mm;
        p.push(`<text x="${x.toFixed(1)}" y="${(centre + 1.23 * mm).toFixed(1)}" text-anchor="middle" font-family="OCR B" font-size="${font.toFixed(1)}" fill="#111">${esc(line[c]!)}</text>`);
      }
    });
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${p.join('')}</svg>`;
}

/** Render SVG to RGBA (transparent outside drawn shapes). */
export async function renderSvg(svg: string): Promise<RgbaImage> {
  const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Canonical-size RGBA of a plain document. */
export function plainDocument(sizeClass: SizeClass, opts: { mrz?: MrzFormat | false; hue?: number; width?: number } = {}): Promise<RgbaImage> {
  return renderSvg(documentSvg(sizeClass, opts.width ?? CANONICAL_PX[sizeClass].width, opts));
}

/**
 * Outline of a w x h document centred at (cx, cy), turned by `angleDeg` (clockwise) and tilted by
 * `tiltXDeg`/`tiltYDeg` about its horizontal/vertical axes, seen by a pinhole camera at distance `focal`.
 * Corners in TL, TR, BR, BL order of the upright document.
 */
export function placeQuad(cx: number, cy: number, w: number, h: number, angleDeg: number, tiltXDeg = 0, tiltYDeg = 0, focal = 2000): Quad {
  const a = (angleDeg * Math.PI) / 180;
  const tx = (tiltXDeg * Math.PI) / 180;
  const ty = (tiltYDeg * Math.PI) / 180;
  const corners: Point[] = [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ];
  return corners.map(([x0, y0]) => {
    // Tilt about the document's own axes, then turn in the image plane, then project.
    const y1 = y0 * Math.cos(tx);
    const z1 = y0 * Math.sin(tx);
    const x2 = x0 * Math.cos(ty) + z1 * Math.sin(ty);
    const z2 = -x0 * Math.sin(ty) + z1 * Math.cos(ty);
    const xr = x2 * Math.cos(a) - y1 * Math.sin(a);
    const yr = x2 * Math.sin(a) + y1 * Math.cos(a);
    const s = focal / (focal + z2);
    return [cx + xr * s, cy + yr * s] as Point;
  }) as unknown as Quad;
}

function backgroundSvg(kind: Background, W: number, H: number, seed: number): string {
  const r = prng(seed);
  const p: string[] = [];
  if (kind === 'white-bed') p.push(`<rect width="${W}" height="${H}" fill="#f6f6f3"/>`);
  else if (kind === 'gray-noise') p.push(`<rect width="${W}" height="${H}" fill="#7a7a7a"/>`);
  else if (kind === 'gradient')
    p.push(`<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#30405a"/><stop offset="1" stop-color="#c8b89a"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#g)"/>`);
  else if (kind === 'wood') {
    p.push(`<rect width="${W}" height="${H}" fill="hsl(28,45%,38%)"/>`);
    for (let y = 0; y < H; y += 5) p.push(`<path d="M0 ${y} Q${W / 2} ${y + r() * 16 - 8} ${W} ${y}" stroke="hsl(25,40%,${20 + r() * 25}%)" stroke-width="${1 + r() * 3}" fill="none" stroke-opacity="0.6"/>`);
  } else if (kind === 'keyboard') {
    p.push(`<rect width="${W}" height="${H}" fill="#202124"/>`);
    const k = Math.round(W / 22);
    for (let y = 4; y < H; y += k) for (let x = 4; x < W; x += k) p.push(`<rect x="${x}" y="${y}" width="${k - 8}" height="${k - 8}" rx="4" fill="#3a3b3f"/><text x="${x + 8}" y="${y + k / 2}" font-family="DejaVu Sans" font-size="${k / 3}" fill="#ddd">${String.fromCharCode(65 + Math.floor(r() * 26))}</text>`);
  } else {
    p.push(`<rect width="${W}" height="${H}" fill="#b9b2a6"/>`);
    for (let i = 0; i < 60; i++) {
      const c = `hsl(${Math.floor(r() * 360)},${20 + r() * 50}%,${20 + r() * 60}%)`;
      const x = r() * W;
      const y = r() * H;
      const s = 20 + r() * W * 0.15;
      if (i % 3 === 0) p.push(`<rect x="${x}" y="${y}" width="${s}" height="${s * (0.3 + r())}" fill="${c}" transform="rotate(${r() * 90} ${x} ${y})"/>`);
      else if (i % 3 === 1) p.push(`<circle cx="${x}" cy="${y}" r="${s / 2}" fill="${c}"/>`);
      else p.push(`<line x1="${x}" y1="${y}" x2="${r() * W}" y2="${r() * H}" stroke="${c}" stroke-width="${1 + r() * 6}"/>`);
    }
    for (let i = 0; i < 8; i++) p.push(`<text x="${r() * W}" y="${r() * H}" font-family="DejaVu Sans" font-size="${10 + r() * 20}" fill="#333">RECEIPT TOTAL 12.50 EUR</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${p.join('')}</svg>`;
}

export interface SceneOptions {
  readonly width: number;
  readonly height: number;
  readonly background: Background;
  readonly seed: number;
  readonly docs: readonly { readonly image: RgbaImage; readonly quad: Quad }[];
  /** Gaussian blur sigma in px after composition. */
  readonly blur?: number;
  /** Additive Gaussian-ish noise sigma in grey levels. */
  readonly noise?: number;
  /** JPEG round trip at this quality. */
  readonly jpegQuality?: number;
  /** A soft white highlight (ellipse centre, radii) as from a lamp on a laminated card. */
  readonly glare?: { readonly cx: number; readonly cy: number; readonly rx: number; readonly ry: number };
}

/** Compose a scene; documents are alpha-blended in order (later ones on top). */
export async function composeScene(o: SceneOptions): Promise<RgbImage> {
  const cv = await loadOpenCv();
  const bg = await sharp(Buffer.from(backgroundSvg(o.background, o.width, o.height, o.seed))).removeAlpha().raw().toBuffer();
  const out = new Float32Array(o.width * o.height * 3);
  for (let i = 0; i < out.length; i++) out[i] = bg[i]!;
  for (const d of o.docs) {
    const src = new cv.Mat(d.image.height, d.image.width, cv.CV_8UC4);
    src.data.set(d.image.data);
    const w = d.image.width;
    const h = d.image.height;
    const from = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, w, 0, w, h, 0, h]);
    const to = cv.matFromArray(4, 1, cv.CV_32FC2, d.quad.flatMap((p) => [p[0], p[1]]));
    const m = cv.getPerspectiveTransform(from, to);
    const warped = new cv.Mat();
    cv.warpPerspective(src, warped, m, new cv.Size(o.width, o.height), cv.INTER_LINEAR, cv.BORDER_CONSTANT, new cv.Scalar(0, 0, 0, 0));
    const wd = warped.data;
    for (let i = 0, j = 0; i < out.length; i += 3, j += 4) {
      const al = wd[j + 3]! / 255;
      if (al === 0) continue;
      for (let c = 0; c < 3; c++) out[i + c] = out[i + c]! * (1 - al) + wd[j + c]! * al;
    }
    for (const x of [src, from, to, m, warped]) x.delete();
  }
  if (o.glare) {
    const g = o.glare;
    for (let y = 0; y < o.height; y++)
      for (let x = 0; x < o.width; x++) {
        const q = ((x - g.cx) / g.rx) ** 2 + ((y - g.cy) / g.ry) ** 2;
        if (q >= 1) continue;
        const k = 0.9 * (1 - q);
        const i = (y * o.width + x) * 3;
        for (let c = 0; c < 3; c++) out[i + c] = out[i + c]! * (1 - k) + 255 * k;
      }
  }
  if (o.noise) {
    const r = prng(o.seed ^ 0x5eed);
    for (let i = 0; i < out.length; i++) out[i]! += (r() + r() + r() - 1.5) * 2 * o.noise;
  }
  const bytes = Buffer.alloc(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = Math.max(0, Math.min(255, Math.round(out[i]!)));
  let img = sharp(bytes, { raw: { width: o.width, height: o.height, channels: 3 } });
  if (o.blur) img = img.blur(o.blur);
  const final = o.jpegQuality
    ? await sharp(await img.jpeg({ quality: o.jpegQuality }).toBuffer()).raw().toBuffer()
    : await img.raw().toBuffer();
  return { width: o.width, height: o.height, data: new Uint8Array(final.buffer, final.byteOffset, final.length) };
}
