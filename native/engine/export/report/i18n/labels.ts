/**
 * The report's language tables and how a label is shown in two (or more) languages: "Exhibit / Dokaz".
 *
 * To add a language: write `<code>.ts` exporting a `LabelTable` (every key of `EN`; a missing key does not
 * compile), and add it to `LANGUAGE_TABLES` below. `ALIASES` maps further codes onto a table.
 */
import { EngineError } from '../../../contract';
import { EN } from './en';
import { SR_LATN } from './sr-latn';

export type LabelKey = keyof typeof EN;
export type LabelTable = Readonly<Record<LabelKey, string>>;

/** The complete tables, by BCP 47 code. */
export const LANGUAGE_TABLES: Readonly<Record<string, LabelTable>> = {
  en: EN,
  'sr-Latn': SR_LATN,
};

/** The English name of every table, for the export dialog's chooser (`export.languages`). */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  'sr-Latn': 'Montenegrin / Serbian (Latin)',
};

/** Codes served by another table: Montenegrin (`cnr`, ISO 639-3) by the ijekavian Serbian Latin table. */
export const ALIASES: Readonly<Record<string, string>> = {
  cnr: 'sr-Latn',
  'cnr-Latn': 'sr-Latn',
  'sr-Latn-ME': 'sr-Latn',
};

/** The report's default pair: English first, then Montenegrin / Serbian Latin. */
export const DEFAULT_LANGUAGES: readonly string[] = ['en', 'sr-Latn'];

/** The table of a language code (or its alias); a clear error for an unknown code. */
export function tableOf(code: string): LabelTable {
  const table = LANGUAGE_TABLES[code] ?? LANGUAGE_TABLES[ALIASES[code] ?? ''];
  if (!table) throw new EngineError('invalid-args', `The report has no labels in language "${code}" (known: ${[...Object.keys(LANGUAGE_TABLES), ...Object.keys(ALIASES)].join(', ')}).`);
  return table;
}

/** Labels in the report's languages. */
export interface Labels {
  /** Codes as given, in order (first = primary). */
  readonly codes: readonly string[];
  /** One label in every language, joined with " / "; a label that reads the same in two languages is shown once. */
  (key: LabelKey, values?: Readonly<Record<string, string | number>>): string;
  /** One label per language (for paragraphs shown as separate blocks); equal texts kept once. */
  each(key: LabelKey, values?: Readonly<Record<string, string | number>>): string[];
}

const fill = (text: string, values: Readonly<Record<string, string | number>> | undefined) =>
  values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;

/** A label function for the given languages (one to three; the report's layout is set for two). */
export function labelsFor(codes: readonly string[]): Labels {
  if (codes.length < 1 || codes.length > 3) throw new EngineError('invalid-args', `A report takes one to three languages, not ${codes.length}.`);
  if (new Set(codes).size !== codes.length) throw new EngineError('invalid-args', `A report language is listed twice: ${codes.join(', ')}.`);
  const tables = codes.map(tableOf);
  const each = (key: LabelKey, values?: Readonly<Record<string, string | number>>) => [...new Set(tables.map((t) => fill(t[key], values)))];
  const labels = ((key: LabelKey, values?: Readonly<Record<string, string | number>>) => each(key, values).join(' / ')) as Labels;
  return Object.assign(labels, { codes: [...codes], each });
}
