/**
 * Migration 4: template checks, and image artifacts. Frozen once released.
 *
 * `template_checks` holds one row per document and `templates` analyser run: the template recognised (or
 * none), the recognition score, and the assessment's score and level, indexed so a case of 50,000 items can
 * be filtered by level; `details` keeps the whole comparison (candidates, zones with their checks, reasons,
 * zone readings, homography) as JSON. Like findings, rows hang off the run, which carries the provenance.
 *
 * Artifacts may now also be RGB images (`image`: the questioned document aligned into the template's frame),
 * not only 8-bit maps. SQLite cannot change a CHECK constraint in place, so the table is rebuilt (ids kept).
 */
export const migration004 = {
  version: 4,
  name: 'template checks and image artifacts',
  sql: `
CREATE TABLE artifacts_v4 (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES analyser_runs(id),
  content_sha256 TEXT NOT NULL,
  document_id INTEGER REFERENCES documents(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('map', 'image')),
  media_type TEXT NOT NULL,
  blob_sha256 TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  meta TEXT NOT NULL DEFAULT '{}',
  UNIQUE (run_id, name)
) STRICT;
INSERT INTO artifacts_v4 (id, run_id, content_sha256, document_id, name, kind, media_type, blob_sha256, width, height, meta)
  SELECT id, run_id, content_sha256, document_id, name, kind, media_type, blob_sha256, width, height, meta FROM artifacts;
DROP TABLE artifacts;
ALTER TABLE artifacts_v4 RENAME TO artifacts;
CREATE INDEX artifacts_content ON artifacts (content_sha256);

CREATE TABLE template_checks (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES analyser_runs(id),
  content_sha256 TEXT NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  template_id TEXT,
  template_version TEXT,
  template_sha256 TEXT,
  side TEXT,
  matched INTEGER NOT NULL CHECK (matched IN (0, 1)),
  recognition_score REAL NOT NULL,
  score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
  level TEXT CHECK (level IS NULL OR level IN ('no-indicators', 'review', 'strong-indicators')),
  aligned_artifact TEXT,
  details TEXT NOT NULL DEFAULT '{}',
  UNIQUE (run_id, document_id)
) STRICT;
CREATE INDEX template_checks_document ON template_checks (document_id);
CREATE INDEX template_checks_level ON template_checks (level);
CREATE INDEX template_checks_template ON template_checks (template_id);
`,
};
