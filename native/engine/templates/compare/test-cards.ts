/**
 * Test support for the zone comparators (not a test file): the bundled Utopia template and its reference
 * image, genuine cards of its model for other holders, capture degradations (blur, JPEG, brightness and
 * gamma, uneven light, small shifts) and simple forgeries made by editing the generator's SVG or pixels.
 */
import path from 'node:path';
import sharp from 'sharp';
import { cardSvg, makeCard, UTO_RP_2024_DESIGN } from '../../../../tests/fixtures/card';
import type { CardOptions } from '../../../../tests/fixtures/card';
import { decodeRgb } from '../../imaging/decode';
import type { RgbImage } from '../../imaging/raster';
import { loadTemplate } from '../template';
import type { PreparedReference } from './prepare';
import { prepareReference } from './prepare';
import type { TemplateZone } from '../template';

/** The bundled template's folder. */
export const UTOPIA_DIR = path.resolve(import.meta.dirname, '../../../../resources/templates/uto-rp-2024');

/** The Utopia template's front: reference image, zones and scale. */
export interface UtopiaSide {
  readonly reference: RgbImage;
  readonly zones: readonly TemplateZone[];
  readonly pxPerMm: number;
}

/** Load the bundled template's front side. */
export async function loadUtopiaFront(): Promise<UtopiaSide> {
  const { template, dir } = await loadTemplate(UTOPIA_DIR);
  const side = template.sides[0]!;
  const reference = await decodeRgb(await sharp(path.join(dir, side.image)).toBuffer());
  return { reference: { width: reference.width, height: reference.height, data: reference.data }, zones: side.zones, pxPerMm: reference.width / template.size.widthMm };
}

/** Fictional holders of genuine cards of the template's model. */
export const HOLDERS: readonly Omit<CardOptions, 'design'>[] = [
  { seed: 11, surname: 'MUSTERMANN', givenNames: 'ERIKA', documentNumber: 'RP4821937', birthDate: '850314', expiryDate: '310630', sex: 'F', placeOfBirth: 'NORTH HAVEN' },
  { seed: 12, surname: 'ERIKSSON', givenNames: 'JOHAN PETER', documentNumber: 'RP1052846', birthDate: '720925', expiryDate: '280115', sex: 'M', placeOfBirth: 'PORT MARIA' },
  { seed: 13, surname: 'DELACROIX', givenNames: 'SOPHIE', documentNumber: 'RP7730512', birthDate: '990101', expiryDate: '300811', sex: 'F' },
  { seed: 14, surname: 'NOWAK', givenNames: 'ADAM', documentNumber: 'RP2468013', birthDate: '610707', expiryDate: '270402', sex: 'M', placeOfBirth: 'EASTBURY' },
];

/** A card's SVG (the generator's own, so it can be edited) and what the generator printed. */
export interface CardSource {
  readonly svg: string;
  readonly mrz: readonly [string, string, string];
  /** Printed text per template zone id (what OCR of a genuine card would give). */
  readonly texts: Readonly<Record<string, string>>;
}

function printed(yymmdd: string, birth: boolean): string {
  const yy = Number(yymmdd.slice(0, 2));
  return `${yymmdd.slice(4, 6)}.${yymmdd.slice(2, 4)}.${(birth && yy > 30 ? 1900 : 2000) + yy}`;
}

/** SVG of a genuine card of the template's model (design seed of the template) for `holder`. */
export async function genuineSource(holder: Omit<CardOptions, 'design'>, design = UTO_RP_2024_DESIGN): Promise<CardSource> {
  const opts: CardOptions = { ...holder, design, format: 'png', width: 1012 };
  const card = await makeCard(opts);
  const svg = cardSvg(opts, card.mrz, card.fields, 1012);
  const expiry = card.fields.expiryDate;
  const issue = `${String(Number(expiry.slice(0, 2)) - 5).padStart(2, '0')}${expiry.slice(2)}`;
  return {
    svg,
    mrz: card.mrz,
    texts: {
      surname: holder.surname.toUpperCase(),
      'given-names': holder.givenNames.toUpperCase(),
      'birth-date': printed(card.fields.birthDate, true),
      sex: card.fields.sex,
      nationality: card.fields.nationality,
      'birth-place': (holder.placeOfBirth ?? 'UTOPIA CITY').toUpperCase(),
      'issue-date': printed(issue, false),
      'expiry-date': printed(expiry, false),
      docno: card.fields.documentNumber,
      'permit-type': holder.permitType ?? 'TEMPORARY STAY',
      mrz: card.mrz.join('\n'),
    },
  };
}

/** Render an SVG on white to RGB. */
export async function renderSvg(svg: string): Promise<RgbImage> {
  const { data, info } = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

function escText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function editTextElement(svg: string, text: string, edit: (open: string) => string): string {
  const pattern = new RegExp(`(<text [^>]*>)(${escText(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})</text>`);
  if (!pattern.test(svg)) throw new Error(`no <text> element printing ${JSON.stringify(text)}`);
  return svg.replace(pattern, (_m, open: string, body: string) => `${edit(open)}${body}</text>`);
}

/** Forgery: the value `text` re-typed in another font family (same size, same position). */
export function withFont(svg: string, text: string, family: string): string {
  return editTextElement(svg, text, (open) => open.replace(/font-family="[^"]*"/, `font-family="${family}"`));
}

/** Forgery: the value `text` printed `dx`, `dy` px away from its place. */
export function movedText(svg: string, text: string, dx: number, dy: number): string {
  return editTextElement(svg, text, (open) =>
    open.replace(/ x="([0-9.]+)"/, (_m, x: string) => ` x="${(Number(x) + dx).toFixed(1)}"`).replace(/ y="([0-9.]+)"/, (_m, y: string) => ` y="${(Number(y) + dy).toFixed(1)}"`),
  );
}

/** Forgery: the value `text` printed at another font size. */
export function resizedText(svg: string, text: string, fontSize: number): string {
  return editTextElement(svg, text, (open) => open.replace(/font-size="[^"]*"/, `font-size="${fontSize}"`));
}

/** Forgery: the static text `text` replaced by `replacement` with the same attributes. */
export function replacedText(svg: string, text: string, replacement: string): string {
  const source = escText(text);
  if (!svg.includes(`>${source}</text>`)) throw new Error(`no <text> element printing ${JSON.stringify(text)}`);
  return svg.replace(`>${source}</text>`, `>${escText(replacement)}</text>`);
}

/** Forgery: the MRZ (OCR-B 40 px cells) printed in another font family. */
export function mrzInFont(svg: string, family: string): string {
  const out = svg.replaceAll('font-family="OCR B" font-size="40.0"', `font-family="${family}" font-size="40.0"`);
  if (out === svg) throw new Error('no MRZ cells found in the SVG');
  return out;
}

/** Forgery: the card without its guilloche (the fine background lines removed from the print). */
export function withoutGuilloche(svg: string): string {
  const out = svg.replace(/<path d="M0 [^"]*" stroke="[^"]*" stroke-width="1.2" fill="none" stroke-opacity="0.35"\/>/g, '');
  if (out === svg) throw new Error('no guilloche paths found in the SVG');
  return out;
}

function transform(image: RgbImage, f: (x: number, y: number, c: number, v: number) => number): RgbImage {
  const out = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 3;
      for (let c = 0; c < 3; c++) out[i + c] = Math.max(0, Math.min(255, Math.round(f(x, y, c, image.data[i + c]!))));
    }
  }
  return { width: image.width, height: image.height, data: out };
}

/** A filled rectangle painted over the image (a forger's patch). */
export function paintRect(image: RgbImage, x: number, y: number, w: number, h: number, rgb: readonly [number, number, number]): RgbImage {
  return transform(image, (px, py, c, v) => (px >= x && px < x + w && py >= y && py < y + h ? rgb[c]! : v));
}

/** Mean colour of a rectangle (to paint a patch in the paper's own colour). */
export function meanColour(image: RgbImage, x: number, y: number, w: number, h: number): [number, number, number] {
  const s = [0, 0, 0];
  for (let py = y; py < y + h; py++) for (let px = x; px < x + w; px++) for (let c = 0; c < 3; c++) s[c]! += image.data[(py * image.width + px) * 3 + c]!;
  return s.map((v) => Math.round(v / (w * h))) as [number, number, number];
}

/** Copy the rectangle `(sx, sy, w, h)` of `donor` into `image` at `(dx, dy)` (a pasted portrait). */
export function pasteFrom(image: RgbImage, donor: RgbImage, sx: number, sy: number, w: number, h: number, dx: number, dy: number): RgbImage {
  const out = Uint8Array.from(image.data);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const tx = dx + x;
      const ty = dy + y;
      if (tx < 0 || ty < 0 || tx >= image.width || ty >= image.height) continue;
      for (let c = 0; c < 3; c++) out[(ty * image.width + tx) * 3 + c] = donor.data[((sy + y) * donor.width + sx + x) * 3 + c]!;
    }
  }
  return { width: image.width, height: image.height, data: out };
}

/** Whole-image shift by integer pixels (edges replicated): an alignment residual. */
export function shifted(image: RgbImage, dx: number, dy: number): RgbImage {
  return transform(image, (x, y, c) => {
    const sx = Math.max(0, Math.min(image.width - 1, x - dx));
    const sy = Math.max(0, Math.min(image.height - 1, y - dy));
    return image.data[(sy * image.width + sx) * 3 + c]!;
  });
}

/** Exposure change: `gain` x value^gamma (on 0..1) plus a left-to-right light falloff of `falloff` (0..1). */
export function relit(image: RgbImage, gain: number, gamma: number, falloff = 0): RgbImage {
  return transform(image, (x, _y, _c, v) => 255 * gain * (1 - (falloff * x) / image.width) * (v / 255) ** gamma);
}

/** Gaussian blur of the given sigma (px) and/or a JPEG round trip at `quality`. */
export async function captured(image: RgbImage, blurSigma: number, quality?: number): Promise<RgbImage> {
  let s = sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), { raw: { width: image.width, height: image.height, channels: 3 } });
  if (blurSigma >= 0.3) s = s.blur(blurSigma);
  const bytes = quality ? await s.jpeg({ quality }).toBuffer() : await s.png().toBuffer();
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** The genuine-capture variants used for calibration, applied to one rendered card. */
export async function genuineCaptures(card: RgbImage): Promise<{ readonly name: string; readonly image: RgbImage }[]> {
  return [
    { name: 'clean', image: card },
    { name: 'blur 1.0', image: await captured(card, 1) },
    { name: 'jpeg 60', image: await captured(card, 0, 60) },
    { name: 'blur 1.0 + jpeg 60 + shift (2, -1)', image: shifted(await captured(card, 1, 60), 2, -1) },
    { name: 'gain 0.8, gamma 1.3, falloff 0.25', image: relit(card, 0.8, 1.3, 0.25) },
    { name: 'gain 1.1, gamma 0.8 + shift (-1, 2) + jpeg 70', image: await captured(shifted(relit(card, 1.1, 0.8), -1, 2), 0.6, 70) },
  ];
}

/** The Utopia front with its prepared reference (prepare once per test file). */
export async function preparedUtopiaFront(): Promise<UtopiaSide & { readonly prepared: PreparedReference }> {
  const side = await loadUtopiaFront();
  return { ...side, prepared: prepareReference(side.reference, side.zones, side.pxPerMm) };
}

/** Render a card SVG and capture it (blur sigma, JPEG quality), as a forger's print would be photographed. */
export async function renderCaptured(svg: string, blurSigma = 0, quality?: number): Promise<RgbImage> {
  return captured(await renderSvg(svg), blurSigma, quality);
}
