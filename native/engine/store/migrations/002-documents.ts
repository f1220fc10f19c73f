/**
 * Migration 2: documents found in items, OCR text, and full-text search. Frozen once released.
 *
 * Analyser results are keyed by content (analyser_runs.input_sha256), so two items with the same bytes
 * share one run and its documents; an item's documents are those of runs on its SHA-256.
 */
export const migration002 = {
  version: 2,
  name: 'documents, OCR text and search',
  sql: `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES analyser_runs(id),
  content_sha256 TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  size_class TEXT NOT NULL CHECK (size_class IN ('ID1', 'ID2', 'ID3')),
  side TEXT NOT NULL CHECK (side IN ('front', 'back', 'data-page', 'unknown')),
  quad TEXT NOT NULL,
  method TEXT NOT NULL,
  confidence REAL NOT NULL,
  rectified_sha256 TEXT NOT NULL,
  rectified_width INTEGER NOT NULL,
  rectified_height INTEGER NOT NULL,
  mrz_format TEXT,
  mrz_valid INTEGER CHECK (mrz_valid IN (0, 1)),
  mrz TEXT,
  document_number TEXT,
  surname TEXT,
  given_names TEXT,
  birth_date TEXT,
  expiry_date TEXT,
  issuing_state TEXT,
  nationality TEXT,
  sex TEXT,
  details TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  UNIQUE (run_id, ordinal)
) STRICT;
CREATE INDEX documents_content ON documents (content_sha256);
CREATE INDEX documents_number ON documents (document_number);

ALTER TABLE findings ADD COLUMN document_id INTEGER REFERENCES documents(id);
CREATE INDEX findings_document ON findings (document_id);
CREATE INDEX findings_run ON findings (run_id);
CREATE INDEX analyser_runs_input ON analyser_runs (input_sha256);

CREATE TABLE text_lines (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES analyser_runs(id),
  content_sha256 TEXT NOT NULL,
  document_id INTEGER REFERENCES documents(id),
  source TEXT NOT NULL CHECK (source IN ('mrz', 'viz', 'ocr')),
  line_no INTEGER NOT NULL,
  text TEXT NOT NULL,
  confidence REAL,
  box TEXT,
  space TEXT NOT NULL CHECK (space IN ('item', 'document'))
) STRICT;
CREATE INDEX text_lines_content ON text_lines (content_sha256);
CREATE INDEX text_lines_document ON text_lines (document_id);

CREATE VIRTUAL TABLE text_search USING fts5(
  normalized,
  tokenize = 'unicode61 remove_diacritics 2'
);
`,
};
