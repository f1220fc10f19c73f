import type Database from 'better-sqlite3';

/** A merged package as stored (migration 006). */
export interface MergedPackageRow {
  readonly id: number;
  readonly path: string;
  readonly tagManifestSha256: string;
  readonly fingerprint: string;
  readonly signer: string | null;
  readonly workstation: string | null;
  readonly signedAt: string | null;
  readonly caseReference: string | null;
  readonly caseTitle: string | null;
  readonly mergedAt: string;
}

/** A package about to be recorded. */
export interface NewMergedPackage extends Omit<MergedPackageRow, 'id' | 'mergedAt'> {
  readonly bagInfo: readonly { readonly label: string; readonly value: string }[];
  readonly coverNote: unknown;
}

/** One evidence file of a merged package and the item of this case holding its bytes. */
export interface MergedItemRow {
  readonly bagPath: string;
  readonly sha256: string;
  readonly itemId: number | null;
  readonly exhibitLabel: string | null;
}

/** A finding as the package's findings.csv states it. */
export interface MergedFindingRow {
  readonly sourceFindingId: string | null;
  readonly itemId: number | null;
  readonly sha256: string | null;
  readonly analyser: string;
  readonly version: string;
  readonly kind: string;
  readonly severity: string;
  readonly score: number | null;
  readonly zone: string | null;
  readonly summary: string;
}

/** A document as the package's entities.json states it, with its comparison keys. */
export interface MergedDocumentRow {
  readonly sourceRef: string;
  readonly documentNumber: string | null;
  readonly numberKey: string | null;
  readonly issuingState: string | null;
  readonly surname: string | null;
  readonly givenNames: string | null;
  readonly birthDate: string | null;
  readonly personKey: string | null;
  readonly bagPaths: readonly string[];
}

const PACKAGE_COLUMNS = `id, path, tag_manifest_sha256 AS tagManifestSha256, fingerprint, signer, workstation, signed_at AS signedAt,
  case_reference AS caseReference, case_title AS caseTitle, merged_at AS mergedAt`;

/** Packages merged into a coordination case, their evidence files, findings and documents. */
export class MergedPackagesRepo {
  constructor(private readonly db: Database.Database) {}

  /** The package with this signed tag manifest and key, if merged before. */
  find(tagManifestSha256: string, fingerprint: string): MergedPackageRow | null {
    return (this.db.prepare(`SELECT ${PACKAGE_COLUMNS} FROM merged_packages WHERE tag_manifest_sha256 = ? AND fingerprint = ?`).get(tagManifestSha256, fingerprint) as MergedPackageRow | undefined) ?? null;
  }

  list(): MergedPackageRow[] {
    return this.db.prepare(`SELECT ${PACKAGE_COLUMNS} FROM merged_packages ORDER BY id`).all() as MergedPackageRow[];
  }

  /** Record a package with everything it brought, in one transaction. Returns its id. */
  insert(pkg: NewMergedPackage, items: readonly MergedItemRow[], findings: readonly MergedFindingRow[], documents: readonly MergedDocumentRow[], at = new Date().toISOString()): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO merged_packages (path, tag_manifest_sha256, fingerprint, signer, workstation, signed_at, case_reference, case_title, bag_info, cover_note, merged_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(pkg.path, pkg.tagManifestSha256, pkg.fingerprint, pkg.signer, pkg.workstation, pkg.signedAt, pkg.caseReference, pkg.caseTitle, JSON.stringify(pkg.bagInfo), JSON.stringify(pkg.coverNote ?? {}), at).lastInsertRowid,
      );
      const item = this.db.prepare('INSERT INTO merged_package_items (package_id, bag_path, sha256, item_id, exhibit_label) VALUES (?, ?, ?, ?, ?)');
      for (const i of items) item.run(id, i.bagPath, i.sha256, i.itemId, i.exhibitLabel);
      const finding = this.db.prepare(
        `INSERT INTO merged_findings (package_id, source_finding_id, item_id, sha256, analyser, version, kind, severity, score, zone, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const f of findings) finding.run(id, f.sourceFindingId, f.itemId, f.sha256, f.analyser, f.version, f.kind, f.severity, f.score, f.zone, f.summary);
      const doc = this.db.prepare(
        `INSERT INTO merged_documents (package_id, source_ref, document_number, number_key, issuing_state, surname, given_names, birth_date, person_key, bag_paths) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const d of documents) doc.run(id, d.sourceRef, d.documentNumber, d.numberKey, d.issuingState, d.surname, d.givenNames, d.birthDate, d.personKey, JSON.stringify(d.bagPaths));
      return id;
    })();
  }

  /** Every merged evidence file with its item's near-duplicate group and pHash (for the shares). */
  allItems(): (MergedItemRow & { packageId: number; nearGroup: number | null; phash: string | null })[] {
    return this.db
      .prepare(
        `SELECT m.package_id AS packageId, m.bag_path AS bagPath, m.sha256, m.item_id AS itemId, m.exhibit_label AS exhibitLabel,
           i.near_group AS nearGroup, i.phash FROM merged_package_items m LEFT JOIN items i ON i.id = m.item_id ORDER BY m.package_id, m.bag_path`,
      )
      .all() as (MergedItemRow & { packageId: number; nearGroup: number | null; phash: string | null })[];
  }

  /** Every merged document. */
  allDocuments(): (MergedDocumentRow & { packageId: number })[] {
    const rows = this.db
      .prepare(
        `SELECT package_id AS packageId, source_ref AS sourceRef, document_number AS documentNumber, number_key AS numberKey, issuing_state AS issuingState,
           surname, given_names AS givenNames, birth_date AS birthDate, person_key AS personKey, bag_paths AS bagPaths FROM merged_documents ORDER BY package_id, id`,
      )
      .all() as (Omit<MergedDocumentRow, 'bagPaths'> & { packageId: number; bagPaths: string })[];
    return rows.map((r) => ({ ...r, bagPaths: JSON.parse(r.bagPaths) as string[] }));
  }

  /** The findings a package brought. */
  findingsOf(packageId: number): (MergedFindingRow & { id: number })[] {
    return this.db
      .prepare(
        `SELECT id, source_finding_id AS sourceFindingId, item_id AS itemId, sha256, analyser, version, kind, severity, score, zone, summary
         FROM merged_findings WHERE package_id = ? ORDER BY id`,
      )
      .all(packageId) as (MergedFindingRow & { id: number })[];
  }

  /** The item of an exhibit imported from `originalPath` with these bytes, if any. */
  itemAt(exhibitId: number, originalPath: string, sha256: string): number | null {
    const row = this.db.prepare('SELECT id FROM items WHERE exhibit_id = ? AND original_path = ? AND sha256 = ?').get(exhibitId, originalPath, sha256) as { id: number } | undefined;
    return row?.id ?? null;
  }
}
