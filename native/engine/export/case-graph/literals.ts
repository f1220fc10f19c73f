/** Typed JSON-LD literals the CASE shapes ask for, and conversions of stored values into them. */

export interface TypedLiteral {
  readonly '@type': string;
  readonly '@value': string;
}

/** An IRI reference to another node. */
export const ref = (id: string): { readonly '@id': string } => ({ '@id': id });

/** xsd:dateTime: `YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]` (offset optional, as in the XSD lexical space). */
const DATE_TIME = /^-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** An xsd:dateTime literal, or null when `text` is not one (a bare date, free text). */
export function dateTime(text: string | null | undefined): TypedLiteral | null {
  if (!text) return null;
  const value = text.trim();
  return DATE_TIME.test(value) ? { '@type': 'xsd:dateTime', '@value': value } : null;
}

/**
 * An EXIF time (`YYYY:MM:DD hh:mm:ss`, no zone unless an offset tag gave one) as xsd:dateTime, kept local
 * (no zone guessed); null for anything else.
 */
export function exifDateTime(raw: string | null | undefined, offset: string | null = null): TypedLiteral | null {
  const m = raw?.trim().match(/^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/);
  if (!m) return dateTime(raw);
  const zone = offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '';
  return { '@type': 'xsd:dateTime', '@value': `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${zone}` };
}

/** xsd:decimal from a finite number (plain notation: xsd:decimal has no exponent). */
export function decimal(value: number): TypedLiteral {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  let text = String(value);
  if (/e/i.test(text)) text = value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
  return { '@type': 'xsd:decimal', '@value': text };
}

/** xsd:hexBinary from lower- or upper-case hex; refuses anything else (a hash must be a hash). */
export function hexBinary(hex: string): TypedLiteral {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new Error(`Not a hex digest: ${hex}`);
  return { '@type': 'xsd:hexBinary', '@value': hex.toLowerCase() };
}

/**
 * An MRZ date (YYMMDD) as a local xsd:dateTime at midnight. The MRZ has no century: a birth date is taken as
 * the latest century that does not put it after `reference` (the export date). Null when not six digits or not
 * a calendar date.
 */
export function mrzBirthDate(yymmdd: string | null | undefined, reference: string): TypedLiteral | null {
  const m = yymmdd?.match(/^(\d{2})(\d{2})(\d{2})$/);
  if (!m) return null;
  const refYear = Number(reference.slice(0, 4));
  if (!Number.isInteger(refYear)) return null;
  const yy = Number(m[1]);
  let year = Math.floor(refYear / 100) * 100 + yy;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const iso = (y: number) => `${String(y).padStart(4, '0')}-${m[2]}-${m[3]}`;
  if (iso(year) > reference.slice(0, 10)) year -= 100;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { '@type': 'xsd:dateTime', '@value': `${iso(year)}T00:00:00` };
}

/** Canonical JSON (sorted keys), so a statement is the same text on every export. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** A tag value as text: strings as they are, everything else as canonical JSON. */
export const valueText = (value: unknown): string => (typeof value === 'string' ? value : canonicalJson(value));
