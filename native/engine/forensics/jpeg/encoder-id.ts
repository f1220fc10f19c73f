/**
 * Encoder identification by quantization tables: compares a JPEG's luma and chroma tables with the
 * project's reference set `resources/data/jpeg-signatures.json` (built by
 * `scripts/build-jpeg-signatures.ts` from computed IJG tables, encoders run at build time and the
 * development corpus). Same idea as exiftool's JPEGDigest (Phil Harvey) and JPEGsnoop's signature
 * database (Calvin Hass), with our own data.
 *
 * What a match means: the tables are what that family writes. IJG-scaled tables are written by libjpeg,
 * libjpeg-turbo, libvips/sharp, PIL, GIMP and many phone and camera firmwares, so an IJG match says
 * "IJG-family tables at quality Q", never one program. Corpus entries are labelled with what exiftool
 * reported for the file they came from (EXIF Make/Model/Software, JPEGDigest name); those labels are
 * claims of that file, not verified facts.
 */
import table from '../../../../resources/data/jpeg-signatures.json';

export type EncoderFamily = 'ijg' | 'mozjpeg' | 'editor' | 'camera' | 'other';

export interface EncoderSignature {
  readonly family: EncoderFamily;
  readonly label: string;
  readonly quality: number | null;
  readonly luma: readonly number[];
  readonly chroma: readonly number[] | null;
  readonly source: string;
  /** Corpus entries: EXIF Make/Model/Software of the source file, or null. */
  readonly sourceTags: string | null;
  readonly alsoSeen: readonly string[];
}

export interface EncoderCandidate {
  readonly family: EncoderFamily;
  readonly label: string;
  readonly quality: number | null;
  readonly source: string;
  readonly sourceTags: string | null;
  readonly alsoSeen: readonly string[];
  /** Mean absolute difference per table entry, in quantizer steps, over the entries compared (see `compared`). */
  readonly distance: number;
  /** Largest single-entry difference. */
  readonly maxDifference: number;
  readonly exact: boolean;
  /** `luma+chroma` (128 entries) or `luma` (64, when either side is grayscale). */
  readonly compared: 'luma+chroma' | 'luma';
}

export interface EncoderIdentification {
  /** Reference-set version (`version+contentSha256 prefix`), to record with findings that cite it. */
  readonly signaturesVersion: string;
  /** Every exact match (distance 0), most specific family first (editor, camera, mozjpeg, other, then IJG). */
  readonly exact: readonly EncoderCandidate[];
  /** The nearest references by distance (exact ones included), at most `limit`. */
  readonly nearest: readonly EncoderCandidate[];
  /** How to read an IJG match (shared by many programs), or null when the best match is not IJG. */
  readonly caveat: string | null;
}

const FAMILIES: readonly EncoderFamily[] = ['ijg', 'mozjpeg', 'editor', 'camera', 'other'];

function isTable(value: unknown): value is number[] {
  return Array.isArray(value) && value.length === 64 && value.every((v) => Number.isInteger(v) && v >= 1 && v <= 65535);
}

/** Checks and converts the JSON entries once; a malformed file is a build error, reported with the entry index. */
function loadSignatures(): EncoderSignature[] {
  return (table.entries as unknown[]).map((raw, index) => {
    const e = raw as Record<string, unknown>;
    const family = FAMILIES.find((f) => f === e.family);
    const chroma = e.chroma === null ? null : e.chroma;
    if (!family || typeof e.label !== 'string' || typeof e.source !== 'string' || !isTable(e.luma) || (chroma !== null && !isTable(chroma))) {
      throw new Error(`jpeg-signatures.json entry ${index} is malformed`);
    }
    return {
      family,
      label: e.label,
      quality: typeof e.quality === 'number' ? e.quality : null,
      luma: e.luma,
      chroma,
      source: e.source,
      sourceTags: typeof e.sourceTags === 'string' ? e.sourceTags : null,
      alsoSeen: Array.isArray(e.alsoSeen) ? e.alsoSeen.map(String) : [],
    };
  });
}

let signatures: EncoderSignature[] | null = null;

/** The reference set (loaded and checked on first use). */
export function jpegSignatures(): readonly EncoderSignature[] {
  signatures ??= loadSignatures();
  return signatures;
}

/** Version of the reference set in use: the file's `version` plus the first 12 hex digits of its content hash. */
export const JPEG_SIGNATURES_VERSION = `${table.version}+${table.contentSha256.slice(0, 12)}`;

/** Order of exact matches: a specific program family says more than the widely shared IJG tables. */
const SPECIFICITY: Readonly<Record<EncoderFamily, number>> = { editor: 0, camera: 1, mozjpeg: 2, other: 3, ijg: 4 };

/** Default number of nearest candidates returned: enough to show the runner-up qualities of a family. */
const DEFAULT_LIMIT = 5;

/** How to read a match with IJG-scaled tables; repeated in `EncoderIdentification.caveat`. */
export const IJG_CAVEAT =
  'IJG-scaled tables are written by libjpeg, libjpeg-turbo, libvips/sharp, PIL, GIMP and many phone and camera firmwares: the match names the table family and quality, not one program';

function compare(luma: ArrayLike<number>, chroma: ArrayLike<number> | null, s: EncoderSignature): EncoderCandidate {
  const both = chroma !== null && s.chroma !== null;
  let sum = 0;
  let max = 0;
  for (let i = 0; i < 64; i++) {
    const d = Math.abs((luma[i] as number) - (s.luma[i] as number));
    sum += d;
    if (d > max) max = d;
  }
  if (both) {
    for (let i = 0; i < 64; i++) {
      const d = Math.abs((chroma[i] as number) - (s.chroma?.[i] as number));
      sum += d;
      if (d > max) max = d;
    }
  }
  const distance = sum / (both ? 128 : 64);
  return { family: s.family, label: s.label, quality: s.quality, source: s.source, sourceTags: s.sourceTags, alsoSeen: s.alsoSeen, distance, maxDifference: max, exact: sum === 0, compared: both ? 'luma+chroma' : 'luma' };
}

/**
 * Ranks the reference tables against a JPEG's tables: exact matches of both tables first, then the
 * nearest by mean absolute difference per entry (quantizer steps; luma only when either side is
 * grayscale).
 * @param luma the first component's table, 64 values in natural order
 * @param chroma the second component's table, or null for a grayscale image
 * @param limit how many nearest candidates to return
 */
export function identifyEncoder(luma: ArrayLike<number>, chroma: ArrayLike<number> | null, limit = DEFAULT_LIMIT): EncoderIdentification {
  const all = jpegSignatures().map((s) => compare(luma, chroma, s));
  const exact = all.filter((c) => c.exact).sort((a, b) => SPECIFICITY[a.family] - SPECIFICITY[b.family]);
  const nearest = [...all].sort((a, b) => a.distance - b.distance || a.maxDifference - b.maxDifference || SPECIFICITY[a.family] - SPECIFICITY[b.family]).slice(0, limit);
  const best = exact[0] ?? nearest[0];
  return { signaturesVersion: JPEG_SIGNATURES_VERSION, exact, nearest, caveat: best?.family === 'ijg' ? IJG_CAVEAT : null };
}
