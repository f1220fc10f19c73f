/**
 * Migration 3: analysis artifacts (forensic maps) and scores. Frozen once released.
 *
 * Like documents, artifacts and scores hang off an analyser run, so they are keyed by content and carry
 * the run's provenance (analyser, version, parameters, input hash). The artifact's pixels live in the
 * blob store (`blob_sha256`); `meta` says how to read them (cell size, unit, value range).
 */
export const migration003 = {
  version: 3,
  name: 'analysis artifacts and scores',
  sql: `
CREATE TABLE artifacts (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES analyser_runs(id),
  content_sha256 TEXT NOT NULL,
  document_id INTEGER REFERENCES documents(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('map')),
  media_type TEXT NOT NULL,
  blob_sha256 TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  meta TEXT NOT NULL DEFAULT '{}',
  UNIQUE (run_id, name)
) STRICT;
CREATE INDEX artifacts_content ON artifacts (content_sha256);

CREATE TABLE scores (
  run_id INTEGER NOT NULL REFERENCES analyser_runs(id),
  content_sha256 TEXT NOT NULL,
  name TEXT NOT NULL,
  value REAL NOT NULL CHECK (value >= 0 AND value <= 1),
  PRIMARY KEY (run_id, name)
) STRICT;
CREATE INDEX scores_content ON scores (content_sha256, name);
CREATE INDEX scores_name_value ON scores (name, value);
`,
};
