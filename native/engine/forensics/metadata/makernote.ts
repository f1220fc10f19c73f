/**
 * MakerNote rules. Camera makers keep their private data in the Exif MakerNote (0x927C); many programs
 * that rewrite Exif drop it or damage it (ExifTool documentation, "Maker Notes"; the DOMAIN notes:
 * "MakerNotes often lost on edit").
 *
 * - `metadata.makernote-missing` (notice, score 0.5): EXIF Make/Model name a camera line that writes a
 *   MakerNote in every JPEG, and there is none: the Exif block was rebuilt by software.
 * - `metadata.makernote-brand-mismatch` (notice, 0.6): the MakerNote's header names another maker than
 *   EXIF Make: Make was changed, or the MakerNote was copied from another file.
 *
 * Brands listed are those whose cameras always write one (per ExifTool's maker-note tables and the
 * corpus). Left out on purpose: Samsung (some phone models write none), Google Pixel (HDR+ data goes to
 * XMP, not a MakerNote), Huawei/Xiaomi/OnePlus and other Android phones (varies by model and app),
 * scanners and printers of camera makers (CanoScan, Nikon Coolscan write none), and iPhones before
 * iOS 7 (2013), which wrote none.
 */
import type { ForensicIndicator } from '../types';
import { indicator, quote } from './indicator';

interface Brand {
  readonly brand: string;
  readonly make: RegExp;
  /** Camera lines that write a MakerNote (excludes scanners and printers of the same maker). */
  readonly model: RegExp;
  /** MakerNote header signatures (ASCII) of this maker; null when the maker writes a bare IFD (Canon). */
  readonly signatures: readonly string[] | null;
  readonly why: string;
}

const BRANDS: readonly Brand[] = [
  { brand: 'Canon', make: /^canon$/i, model: /^canon (eos|powershot|ixus|ixy|digital ixus|elph|legria)/i, signatures: null, why: 'Canon EOS, PowerShot and IXUS cameras write a Canon MakerNote in every JPEG' },
  { brand: 'Nikon', make: /^nikon( corporation)?$/i, model: /^(nikon )?(d\d|z ?\d|z ?f|coolpix|1 [jvs])/i, signatures: ['Nikon'], why: 'Nikon D, Z, COOLPIX and 1 cameras write a Nikon MakerNote in every JPEG' },
  { brand: 'Sony', make: /^sony$/i, model: /^(dsc-|ilce-|ilca-|nex-|slt-|dslr-|zv-)/i, signatures: ['SONY'], why: 'Sony Cyber-shot and Alpha cameras write a Sony MakerNote in every JPEG' },
  { brand: 'Fujifilm', make: /^fujifilm$/i, model: /./, signatures: ['FUJIFILM', 'GENERALE'], why: 'Fujifilm cameras write a FUJIFILM MakerNote in every JPEG' },
  { brand: 'Olympus / OM System', make: /^(olympus|om digital solutions)/i, model: /./, signatures: ['OLYMP', 'OLYMPUS', 'OM SYSTEM'], why: 'Olympus and OM System cameras write an Olympus MakerNote in every JPEG' },
  { brand: 'Panasonic', make: /^panasonic$/i, model: /^(dmc-|dc-)/i, signatures: ['Panasonic'], why: 'Panasonic Lumix cameras write a Panasonic MakerNote in every JPEG' },
  { brand: 'Pentax / Ricoh', make: /^(pentax|ricoh imaging)/i, model: /./, signatures: ['AOC', 'PENTAX', 'RICOH'], why: 'Pentax cameras write a Pentax MakerNote in every JPEG' },
  { brand: 'Apple', make: /^apple$/i, model: /^iphone|^ipad/i, signatures: ['Apple iOS'], why: 'the iOS camera (iOS 7 and later) writes an Apple MakerNote in every photo' },
];

/** Signatures of every maker, to name the maker of a MakerNote whose header does not match EXIF Make. */
const ALL_SIGNATURES: readonly (readonly [string, string])[] = BRANDS.flatMap((b) => (b.signatures ?? []).map((s) => [s, b.brand] as const));

function ascii(bytes: Uint8Array, n: number): string {
  let s = '';
  for (let i = 0; i < Math.min(n, bytes.length); i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

/**
 * MakerNote indicators.
 * @param make EXIF Make (IFD0, not XMP), model EXIF Model, software EXIF Software (to skip iOS < 7)
 * @param makerNoteLength bytes of the MakerNote, 0 when absent; head its first bytes
 */
export function makerNoteIndicators(make: string | null, model: string | null, software: string | null, makerNoteLength: number, head: Uint8Array): ForensicIndicator[] {
  if (!make) return [];
  const brand = BRANDS.find((b) => b.make.test(make) && b.model.test(model ?? ''));
  if (!brand) return [];
  if (makerNoteLength === 0) {
    const iosVersion = brand.brand === 'Apple' && software && /^\d+(\.\d+)*$/.test(software) ? Number(software.split('.')[0]) : null;
    if (iosVersion !== null && iosVersion < 7) return []; // iOS before 7 wrote no MakerNote
    return [indicator('makernote-missing', 'notice', 0.5,
      `EXIF Make ${quote(make)}${model ? ` / Model ${quote(model)}` : ''} but no MakerNote: ${brand.why}, so the Exif block was rebuilt by software after capture (an editor or converter that drops maker notes), or the tags were written onto another file`,
      { make, model, brand: brand.brand })];
  }
  const header = ascii(head, 16);
  const named = ALL_SIGNATURES.find(([s]) => header.startsWith(s));
  if (named && named[1] !== brand.brand) {
    return [indicator('makernote-brand-mismatch', 'notice', 0.6,
      `EXIF Make ${quote(make)} but the MakerNote header starts ${quote(header.replace(/[^\x20-\x7e]/g, '.'))}, the signature of ${named[1]}: Make was changed, or the MakerNote was carried over from another camera's file`,
      { make, model, makerNoteBrand: named[1], header: header.replace(/[^\x20-\x7e]/g, '.') })];
  }
  return [];
}
