/** The evidence package's report: model from a case, then HTML, PDF and findings CSV (docs/EXPORT.md, "Report"). */
export { buildReportModel, type ReportOptions } from './build-model';
export { renderReportHtml, escapeHtml } from './render-html';
export { renderReportPdf } from './render-pdf';
export { renderReportPdfOffThread, PDF_WORKER_BUNDLE } from './pdf-thread';
export { renderFindingsCsv, FINDINGS_CSV_COLUMNS } from './render-csv';
export { DEFAULT_LANGUAGES, LANGUAGE_TABLES, labelsFor } from './i18n/labels';
export type * from './report-model';
