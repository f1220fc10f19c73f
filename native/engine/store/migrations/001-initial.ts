/**
 * Migration 1: the foundation schema. Frozen: never edit a released migration, add a new one.
 * Every table is STRICT; foreign keys are enforced by the connection (see db.ts).
 */
export const migration001 = {
  version: 1,
  name: 'initial schema',
  sql: `
CREATE TABLE case_info (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  reference TEXT,
  examiner TEXT,
  created_at TEXT NOT NULL,
  created_by_app TEXT NOT NULL
) STRICT;

CREATE TABLE exhibits (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL UNIQUE,
  description TEXT,
  seized_by TEXT,
  seized_at TEXT,
  place TEXT,
  seal_number TEXT,
  device_make TEXT,
  device_model TEXT,
  device_serial TEXT,
  device_imei TEXT,
  notes TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  exhibit_id INTEGER NOT NULL REFERENCES exhibits(id),
  sources TEXT NOT NULL,
  reference_in_place INTEGER NOT NULL CHECK (reference_in_place IN (0, 1)),
  extractor TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
  summary TEXT
) STRICT;

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  exhibit_id INTEGER NOT NULL REFERENCES exhibits(id),
  import_id INTEGER NOT NULL REFERENCES imports(id),
  original_path TEXT NOT NULL,
  exhibit_path TEXT NOT NULL,
  name TEXT NOT NULL,
  storage TEXT NOT NULL CHECK (storage IN ('copied', 'referenced')),
  size INTEGER NOT NULL,
  kind TEXT NOT NULL,
  mime TEXT,
  sha256 TEXT,
  sha1 TEXT,
  md5 TEXT,
  width INTEGER,
  height INTEGER,
  phash TEXT,
  thumb_sha256 TEXT,
  preview_sha256 TEXT,
  file_modified TEXT,
  file_accessed TEXT,
  file_created TEXT,
  exif_make TEXT,
  exif_model TEXT,
  exif_software TEXT,
  exif_date_time_original TEXT,
  exif_create_date TEXT,
  exif_modify_date TEXT,
  gps_latitude REAL,
  gps_longitude REAL,
  has_exif INTEGER NOT NULL DEFAULT 0,
  metadata TEXT NOT NULL DEFAULT '{}',
  times TEXT NOT NULL DEFAULT '[]',
  messenger TEXT,
  warnings TEXT NOT NULL DEFAULT '[]',
  near_group INTEGER,
  error TEXT,
  imported_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX items_source ON items (exhibit_id, original_path, ifnull(sha256, ''));
CREATE INDEX items_sha256 ON items (sha256);
CREATE INDEX items_near_group ON items (near_group);
CREATE INDEX items_exhibit ON items (exhibit_id);
CREATE INDEX items_kind ON items (kind);

CREATE TABLE analyser_runs (
  id INTEGER PRIMARY KEY,
  analyser_id TEXT NOT NULL,
  analyser_version TEXT NOT NULL,
  input_sha256 TEXT NOT NULL,
  parameters TEXT NOT NULL DEFAULT '{}',
  resources TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK (status IN ('ok', 'skipped', 'failed')),
  error TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  UNIQUE (input_sha256, analyser_id, analyser_version)
) STRICT;

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES analyser_runs(id),
  item_id INTEGER REFERENCES items(id),
  kind TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high')),
  confidence REAL,
  region TEXT,
  attributes TEXT NOT NULL DEFAULT '{}',
  explanation TEXT NOT NULL,
  artifact_sha256 TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX findings_item ON findings (item_id);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE item_tags (
  item_id INTEGER NOT NULL REFERENCES items(id),
  tag_id INTEGER NOT NULL REFERENCES tags(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (item_id, tag_id)
) STRICT;
CREATE INDEX item_tags_tag ON item_tags (tag_id);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  text TEXT NOT NULL,
  author TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX notes_item ON notes (item_id);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`,
} as const;
