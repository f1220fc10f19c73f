/**
 * Parsing and validation of CSV watchlists (issue 6): document numbers and persons (names with dates of
 * birth) that an analyst imports to be flagged. A list with any error is refused as a whole, with every error
 * named by row and column; an accepted list carries its provenance (name, version, SHA-256 of the bytes).
 * Pure: the caller reads the file and passes its bytes.
 */
import { createHash } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import { normalizeDocumentNumber } from './number-parse';
import { normalizePersonName } from './person-names';

/** The columns of a watchlist file, in their usual order (any order is accepted). */
export const WATCHLIST_COLUMNS = ['list_name', 'list_version', 'type', 'document_number', 'surname', 'given_names', 'birth_date', 'nationality', 'note'] as const;

/** One column name. */
export type WatchlistColumn = (typeof WATCHLIST_COLUMNS)[number];

/** Columns the header must have; the others may be absent (read as empty). */
const REQUIRED_COLUMNS: readonly WatchlistColumn[] = ['list_name', 'list_version', 'type'];

/**
 * Largest accepted file: 8 MiB. Measured on this shared 2-core machine: csv-parse (sync) alone took 3.6 s
 * for 16 MiB (184,000 rows); parseWatchlist took 2.2 s (4.5 s while other jobs ran) for 8 MiB, 92,000 rows,
 * validation included. 90,000 entries is far above the operational lists an analyst imports by hand
 * (hundreds to a few thousand); larger lists would need a streaming import, not this function.
 */
export const MAX_WATCHLIST_BYTES = 8 * 1024 * 1024;

/**
 * At most this many errors are listed (the total is always given): enough to fix a list by hand; a file
 * with more is almost certainly the wrong file or the wrong format.
 */
export const MAX_LISTED_ERRORS = 1000;

/** Longest accepted record (bytes): no row of a watchlist is near 64 KiB; a longer one is an unclosed quote or hostile. */
const MAX_RECORD_BYTES = 64 * 1024;

/**
 * Characters that make a spreadsheet evaluate a cell as a formula (OWASP "CSV injection": = + - @, and tab
 * and carriage return). Such cells are kept as data and never evaluated; a later CSV export must prefix
 * them (e.g. with a single quote) so a spreadsheet does not run them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a cell would be taken for a formula by a spreadsheet (see FORMULA_START); for CSV export. */
export function isFormulaLike(cell: string): boolean {
  return FORMULA_START.test(cell);
}

/** One validated entry of a list. */
export interface WatchlistEntry {
  /** Row in the file as a spreadsheet shows it: the header is row 1. */
  readonly row: number;
  readonly type: 'document-number' | 'person';
  /** Normalised (upper case, no spaces or hyphens), or null for person entries without one. */
  readonly documentNumber: string | null;
  readonly surname: string | null;
  readonly givenNames: string | null;
  readonly birthDate: string | null;
  readonly nationality: string | null;
  readonly note: string | null;
  /** Columns whose cell starts like a formula (kept as data; see isFormulaLike). */
  readonly formulaLikeColumns: readonly WatchlistColumn[];
}

/** Where a list comes from, cited with every hit. */
export interface WatchlistProvenance {
  readonly listName: string;
  readonly listVersion: string;
  /** SHA-256 of the file bytes, lower-case hex. */
  readonly sha256: string;
  /** Number of entries (data rows, blank rows not counted). */
  readonly rowCount: number;
  readonly byteLength: number;
  readonly fileName: string | null;
}

/** An accepted list. */
export interface Watchlist {
  readonly provenance: WatchlistProvenance;
  readonly entries: readonly WatchlistEntry[];
}

/** One reason a list was refused. */
export interface WatchlistError {
  /** Row as a spreadsheet shows it (header = 1), or null for file-level errors. */
  readonly row: number | null;
  readonly column: string | null;
  readonly message: string;
}

/** Result of `parseWatchlist`: the list, or every error (the list is then refused as a whole). */
export type WatchlistParseResult =
  | { readonly ok: true; readonly list: Watchlist }
  | { readonly ok: false; readonly errors: readonly WatchlistError[]; readonly errorCount: number; readonly sha256: string; readonly byteLength: number };

const fileError = (message: string): WatchlistError => ({ row: null, column: null, message });

/** Decodes UTF-8 strictly (a BOM is dropped); null when the bytes are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** `;` when the header line has more semicolons than commas (spreadsheets in many European locales), else `,`. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

const isCalendarDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

/** Validates one data row; pushes its errors and returns the entry when it has none. */
function validateRow(row: number, cell: (c: WatchlistColumn) => string, raw: (c: WatchlistColumn) => string, errors: WatchlistError[]): WatchlistEntry | null {
  const before = errors.length;
  const err = (column: WatchlistColumn, message: string) => errors.push({ row, column, message: `row ${row}, column ${column}: ${message}` });
  const type = cell('type').toLowerCase();
  if (type !== 'document-number' && type !== 'person') err('type', `unknown type '${cell('type')}' (expected 'document-number' or 'person')`);
  const number = cell('document_number') ? normalizeDocumentNumber(cell('document_number')) : null;
  if (type === 'document-number' && !number) err('document_number', 'missing (required for type document-number)');
  if (number !== null && !/^[A-Z0-9]+$/.test(number)) err('document_number', `'${cell('document_number')}' has characters other than letters and digits once spaces and hyphens are removed`);
  const surname = cell('surname') || null;
  const givenNames = cell('given_names') || null;
  if (type === 'person' && !surname) err('surname', 'missing (required for type person)');
  else if (type === 'person' && normalizePersonName(surname ?? '', givenNames ?? '').full.length === 0) err('surname', `'${surname ?? ''}' has no letters that render in an MRZ`);
  const birthDate = cell('birth_date') || null;
  if (birthDate !== null && !isCalendarDate(birthDate)) err('birth_date', `'${birthDate}' is not a calendar date in YYYY-MM-DD`);
  const nationality = cell('nationality') ? cell('nationality').toUpperCase() : null;
  if (nationality !== null && !/^[A-Z]{1,3}$/.test(nationality)) err('nationality', `'${cell('nationality')}' is not a 1-3 letter ICAO code`);
  if (errors.length > before) return null;
  const formulaLikeColumns = WATCHLIST_COLUMNS.filter((c) => isFormulaLike(raw(c)));
  return { row, type: type as WatchlistEntry['type'], documentNumber: number, surname, givenNames, birthDate, nationality, note: cell('note') || null, formulaLikeColumns };
}

/**
 * Parses and validates a CSV watchlist from its bytes. Accepts UTF-8 with or without BOM, CRLF or LF line
 * ends, quoted fields with commas and newlines, `,` or `;` as separator (detected from the header), and
 * blank rows (skipped). Refuses the whole list, listing every error (up to MAX_LISTED_ERRORS, with the
 * total), when: the file exceeds MAX_WATCHLIST_BYTES, is not UTF-8 or not well-formed CSV; the header lacks
 * a required column or has an unknown or repeated one; a row has another field count than the header, a
 * missing or differing list name/version, an unknown type, a missing document number (document-number rows)
 * or surname (person rows), a date that is not a calendar YYYY-MM-DD, or a nationality that is not 1-3 letters.
 * Formula-like cells are data (see isFormulaLike). Reference: RFC 4180 (CSV), OWASP CSV injection.
 * @param bytes the file's bytes as read
 * @param options fileName for provenance
 */
export function parseWatchlist(bytes: Uint8Array, options: { readonly fileName?: string } = {}): WatchlistParseResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const refuse = (errors: WatchlistError[]): WatchlistParseResult => ({ ok: false, errors: errors.slice(0, MAX_LISTED_ERRORS), errorCount: errors.length, sha256, byteLength: bytes.length });
  if (bytes.length > MAX_WATCHLIST_BYTES) return refuse([fileError(`file is ${bytes.length} bytes; watchlists are limited to ${MAX_WATCHLIST_BYTES} bytes (8 MiB)`)]);
  const text = decodeUtf8(bytes);
  if (text === null) return refuse([fileError('file is not UTF-8 text; save the list as CSV UTF-8')]);
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false, max_record_size: MAX_RECORD_BYTES }) as string[][];
  } catch (e) {
    const where = e instanceof CsvError && typeof e.lines === 'number' ? ` (near line ${e.lines})` : '';
    return refuse([fileError(`file is not well-formed CSV${where}: ${(e as Error).message}`)]);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const errors: WatchlistError[] = [];
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!(WATCHLIST_COLUMNS as readonly string[]).includes(name)) errors.push({ row: 1, column: name, message: `row 1: unknown column '${name}' (expected ${WATCHLIST_COLUMNS.join(', ')})` });
    else if (index.has(name)) errors.push({ row: 1, column: name, message: `row 1: column '${name}' appears twice` });
    else index.set(name, i);
  });
  for (const c of REQUIRED_COLUMNS) if (!index.has(c)) errors.push({ row: 1, column: c, message: `row 1: required column '${c}' is missing` });
  if (errors.length > 0) return refuse(errors);
  const entries: WatchlistEntry[] = [];
  let listName: string | null = null;
  let listVersion: string | null = null;
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    if (record.every((c) => c.trim() === '')) return;
    if (record.length !== header.length) {
      errors.push({ row, column: null, message: `row ${row}: ${record.length} fields, the header has ${header.length}` });
      return;
    }
    const raw = (c: WatchlistColumn) => record[index.get(c) ?? -1] ?? '';
    const cell = (c: WatchlistColumn) => raw(c).trim();
    for (const [column, value, first] of [['list_name', cell('list_name'), listName], ['list_version', cell('list_version'), listVersion]] as const) {
      if (!value) errors.push({ row, column, message: `row ${row}, column ${column}: missing` });
      else if (first !== null && value !== first) errors.push({ row, column, message: `row ${row}, column ${column}: '${value}' differs from '${first}' of the first row (one file holds one list)` });
    }
    listName ??= cell('list_name') || null;
    listVersion ??= cell('list_version') || null;
    const entry = validateRow(row, cell, raw, errors);
    if (entry) entries.push(entry);
  });
  if (errors.length === 0 && entries.length === 0) errors.push(fileError('the list has no entries'));
  if (errors.length > 0 || listName === null || listVersion === null) return refuse(errors);
  return { ok: true, list: { provenance: { listName, listVersion, sha256, rowCount: entries.length, byteLength: bytes.length, fileName: options.fileName ?? null }, entries } };
}
