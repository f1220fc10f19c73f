/**
 * Reading a package's `data/report/findings.csv` (written by `renderFindingsCsv`, docs/EXPORT.md "Report").
 */
import { parse } from 'csv-parse/sync';

/** One finding row as the package states it; ids are the exporting case's. */
export interface PackageFinding {
  readonly findingId: string | null;
  readonly sha256: string | null;
  readonly analyser: string;
  readonly version: string;
  readonly kind: string;
  readonly severity: string;
  readonly score: number | null;
  readonly zone: string | null;
  readonly summary: string;
}

/** Columns every findings.csv has; a file without them is refused. */
const REQUIRED = ['finding_id', 'sha256', 'analyser', 'version', 'kind', 'severity', 'score', 'summary'] as const;

/** The report prefixes `'` to a cell starting with one of these so spreadsheets do not run it; undone here. */
const FORMULA_GUARD = /^'([=+\-@\t\r].*)$/s;

const cell = (value: string | undefined): string | null => {
  if (value === undefined || value === '') return null;
  const guarded = FORMULA_GUARD.exec(value);
  return guarded ? guarded[1]! : value;
};

/**
 * Parse findings.csv.
 * @throws Error naming the missing column, or csv-parse's error for malformed CSV
 */
export function parseFindingsCsv(text: string): PackageFinding[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  if (rows.length) for (const c of REQUIRED) if (!(c in rows[0]!)) throw new Error(`findings.csv has no column "${c}"`);
  return rows.map((r) => {
    const score = cell(r.score);
    const n = score === null ? null : Number(score);
    return {
      findingId: cell(r.finding_id),
      sha256: cell(r.sha256)?.toLowerCase() ?? null,
      analyser: cell(r.analyser) ?? '',
      version: cell(r.version) ?? '',
      kind: cell(r.kind) ?? '',
      severity: cell(r.severity) ?? '',
      score: n !== null && Number.isFinite(n) ? n : null,
      zone: cell(r.zone),
      summary: cell(r.summary) ?? '',
    };
  });
}
