/**
 * `findings.csv`: one row per finding of the report (RFC 4180: comma-separated, CRLF, fields quoted when
 * they hold a comma, quote or line break), UTF-8 without a byte-order mark, header row first.
 */
import type { ReportFinding, ReportModel } from './report-model';

/** The columns, in order. */
export const FINDINGS_CSV_COLUMNS = ['finding_id', 'item_id', 'item', 'sha256', 'document_id', 'analyser', 'version', 'kind', 'severity', 'score', 'zone', 'summary'] as const;

/**
 * A text cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return;
 * OWASP "CSV injection") is prefixed with an apostrophe. File names come from seized devices and are hostile
 * input; the exact names stay in the HTML, the PDF and the case graph.
 */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const rowOf = (f: ReportFinding): (string | number | null)[] => [f.id, f.itemId, f.itemName, f.sha256, f.documentId, f.analyserId, f.analyserVersion, f.kind, f.severity, f.score, f.zone, f.summary];

/** The findings CSV of a report model. */
export function renderFindingsCsv(model: ReportModel): string {
  const lines = [FINDINGS_CSV_COLUMNS.join(','), ...model.findings.map((f) => rowOf(f).map(cell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
