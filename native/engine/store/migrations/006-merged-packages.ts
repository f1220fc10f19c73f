/**
 * Migration 6: evidence packages merged into a coordination case (issue 7, docs/EXPORT.md "Merge at a
 * coordination centre"). Frozen once released.
 *
 * One `merged_packages` row per accepted package: where it was read from, the SHA-256 of its signed tag manifest
 * (which, with the fingerprint, identifies the package: merging it again adds nothing), who signed it on which
 * workstation, the exporting case, bag-info and cover note as read. `merged_package_items` ties each evidence
 * file of the package (bag path, SHA-256) to the item of this case holding its bytes, so shares between
 * packages are computed per package. Findings (from `data/report/findings.csv`) and documents (from
 * `metadata/entities.json`) are kept as the package states them, with the item of this case they are about;
 * they are the originating workstation's results, not this case's analyses.
 */
export const migration006 = {
  version: 6,
  name: 'merged evidence packages',
  sql: `
CREATE TABLE merged_packages (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  tag_manifest_sha256 TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  signer TEXT,
  workstation TEXT,
  signed_at TEXT,
  case_reference TEXT,
  case_title TEXT,
  bag_info TEXT NOT NULL DEFAULT '[]',
  cover_note TEXT NOT NULL DEFAULT '{}',
  merged_at TEXT NOT NULL,
  UNIQUE (tag_manifest_sha256, fingerprint)
) STRICT;

CREATE TABLE merged_package_items (
  package_id INTEGER NOT NULL REFERENCES merged_packages(id),
  bag_path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  item_id INTEGER REFERENCES items(id),
  exhibit_label TEXT,
  PRIMARY KEY (package_id, bag_path)
) STRICT;
CREATE INDEX merged_package_items_sha256 ON merged_package_items (sha256);
CREATE INDEX merged_package_items_item ON merged_package_items (item_id);

CREATE TABLE merged_findings (
  id INTEGER PRIMARY KEY,
  package_id INTEGER NOT NULL REFERENCES merged_packages(id),
  source_finding_id TEXT,
  item_id INTEGER REFERENCES items(id),
  sha256 TEXT,
  analyser TEXT NOT NULL,
  version TEXT NOT NULL,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  score REAL,
  zone TEXT,
  summary TEXT NOT NULL
) STRICT;
CREATE INDEX merged_findings_package ON merged_findings (package_id);
CREATE INDEX merged_findings_item ON merged_findings (item_id);

CREATE TABLE merged_documents (
  id INTEGER PRIMARY KEY,
  package_id INTEGER NOT NULL REFERENCES merged_packages(id),
  source_ref TEXT NOT NULL,
  document_number TEXT,
  number_key TEXT,
  issuing_state TEXT,
  surname TEXT,
  given_names TEXT,
  birth_date TEXT,
  person_key TEXT,
  bag_paths TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX merged_documents_number ON merged_documents (number_key);
CREATE INDEX merged_documents_person ON merged_documents (person_key);
`,
} as const;
