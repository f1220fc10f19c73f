/**
 * Migration 5: links between what the case holds, forgery families, and watchlists. Frozen once released.
 *
 * Linking is a case-level derivation over stored items, documents, template checks and watchlists: one
 * `link_runs` row per pass records the linker's version, its parameters and the inputs it saw (counts, the
 * watchlists with their SHA-256). A pass replaces the previous pass's entities, links and families in one
 * transaction, so the tables always describe one consistent pass; evidence and analyser results are never
 * touched. Entities are referenced as `type:id` strings (`item:12`, `document:7`, `person:p-3f2a…`,
 * `exhibit:2`, `family:91c0…`, `watchlist-entry:<sha256>#<row>`), the same form the CLI prints.
 * `portrait_signatures` caches what is measured on an image (keyed by the image blob's hash, the box and the
 * signature version), so a pass after new imports decodes only new images.
 */
export const migration005 = {
  version: 5,
  name: 'links, families and watchlists',
  sql: `
CREATE TABLE link_runs (
  id INTEGER PRIMARY KEY,
  linker_version TEXT NOT NULL,
  parameters TEXT NOT NULL DEFAULT '{}',
  inputs TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  error TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;

CREATE TABLE entities (
  ref TEXT PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES link_runs(id),
  type TEXT NOT NULL CHECK (type IN ('person', 'family', 'document-instance')),
  label TEXT NOT NULL,
  attributes TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE entity_members (
  entity_ref TEXT NOT NULL REFERENCES entities(ref) ON DELETE CASCADE,
  member_ref TEXT NOT NULL,
  PRIMARY KEY (entity_ref, member_ref)
) STRICT, WITHOUT ROWID;
CREATE INDEX entity_members_member ON entity_members (member_ref);

CREATE TABLE links (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES link_runs(id),
  kind TEXT NOT NULL,
  from_ref TEXT NOT NULL,
  to_ref TEXT NOT NULL,
  strength REAL NOT NULL CHECK (strength >= 0 AND strength <= 1),
  evidence TEXT NOT NULL DEFAULT '{}',
  summary TEXT NOT NULL
) STRICT;
CREATE INDEX links_from ON links (from_ref);
CREATE INDEX links_to ON links (to_ref);
CREATE INDEX links_kind ON links (kind, strength);

CREATE TABLE watchlists (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  source_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  byte_length INTEGER NOT NULL,
  entry_count INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (name, version)
) STRICT;

CREATE TABLE watchlist_entries (
  id INTEGER PRIMARY KEY,
  watchlist_id INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
  row_no INTEGER NOT NULL,
  entry TEXT NOT NULL
) STRICT;
CREATE INDEX watchlist_entries_list ON watchlist_entries (watchlist_id);

CREATE TABLE portrait_signatures (
  blob_sha256 TEXT NOT NULL,
  box TEXT NOT NULL,
  version INTEGER NOT NULL,
  signature TEXT,
  failure TEXT,
  PRIMARY KEY (blob_sha256, box, version)
) STRICT, WITHOUT ROWID;
`,
} as const;
