/**
 * Issuing-state and nationality codes (ISO 3166-1 alpha-3 plus the ICAO-specific codes of Doc 9303
 * Part 3, section 5), loaded from the versioned data file `resources/data/country-codes.json`.
 */
import table from '../../../../resources/data/country-codes.json';

/** Version of the code table, to be recorded with findings that cite it. */
export const COUNTRY_CODES_VERSION: string = table.version;

/** What a code is. */
export type CountryCodeKind = 'iso' | 'icao' | 'specimen' | 'historical' | 'unknown';

const ISO = new Set<string>(table.iso3166Alpha3);
const ICAO: Readonly<Record<string, string>> = table.icao;
const SPECIMEN: Readonly<Record<string, string>> = table.specimen;
const HISTORICAL: Readonly<Record<string, string>> = table.historical;

/**
 * Classifies a 3-character MRZ code (trailing fillers allowed: `D<<` is Germany). `historical` codes are
 * withdrawn but appear on older documents; `specimen` is ICAO's Utopia (UTO). Known limitation: the
 * table is a snapshot (see `version`); a newly assigned code reads as `unknown` until the file is updated.
 */
export function classifyCountryCode(raw: string): { kind: CountryCodeKind; code: string; description: string | null } {
  const code = raw.replace(/<+$/, '');
  if (ISO.has(code)) return { kind: 'iso', code, description: null };
  if (ICAO[code] !== undefined) return { kind: 'icao', code, description: ICAO[code] ?? null };
  if (SPECIMEN[code] !== undefined) return { kind: 'specimen', code, description: SPECIMEN[code] ?? null };
  if (HISTORICAL[code] !== undefined) return { kind: 'historical', code, description: HISTORICAL[code] ?? null };
  return { kind: 'unknown', code, description: null };
}
