import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { asCaseId, EngineError, type CaseSummary } from '../contract';
import { APP_VERSION } from '../version';
import { AnalysisRepo } from './analysis.repo';
import { AnnotationsRepo } from './annotations.repo';
import { AuditRepo } from './audit.repo';
import { BlobStore } from './blob-store';
import { CaseInfoRepo, type CaseInfo } from './case-info.repo';
import { openDatabase } from './db';
import { DocumentsRepo } from './documents.repo';
import { ExhibitsRepo } from './exhibits.repo';
import { ForensicsRepo } from './forensics.repo';
import { TemplateChecksRepo } from './template-checks.repo';
import { LinksRepo } from './links.repo';
import { ImportsRepo } from './imports.repo';
import { ItemsRepo } from './items.repo';
import { MergedPackagesRepo } from './merged-packages.repo';
import { migrate, NewerSchemaError, schemaVersion } from './migrate';
import { SCHEMA_VERSION } from './migrations';

export const CASE_DB_FILE = 'case.sqlite';

/** The read side of a case: what review, listing and export code may use. It cannot write. */
export interface CaseReader {
  readonly dir: string;
  /** The connection, for the read-only queries of other layers (`*.query.ts`); writes go through the repositories. */
  readonly db: Database.Database;
  readonly info: CaseInfo;
  readonly blobs: BlobStore;
  readonly items: Pick<ItemsRepo, 'query' | 'get' | 'count' | 'storageOf' | 'iterateAll' | 'iterateRecords' | 'allPerceptualHashes' | 'hasContent' | 'holds' | 'recordedFile'>;
  readonly exhibits: Pick<ExhibitsRepo, 'list' | 'get' | 'findByLabel'>;
  readonly annotations: Pick<AnnotationsRepo, 'allTags' | 'tagsOf'>;
  readonly audit: Pick<AuditRepo, 'page' | 'verify'>;
  readonly documents: DocumentsRepo;
  readonly forensics: ForensicsRepo;
  readonly templateChecks: TemplateChecksRepo;
  readonly links: Pick<LinksRepo, 'all' | 'touching' | 'countsByKind' | 'entity' | 'entities' | 'entitiesWithMember' | 'latestPass' | 'watchlists' | 'watchlistEntries'>;
  summary(): CaseSummary;
  close(): void;
}

/**
 * One case folder: `case.sqlite` (the only writer connection lives here) plus the blob store.
 * Nothing outside the store's repositories writes SQL.
 */
export class CaseStore implements CaseReader {
  readonly items: ItemsRepo;
  readonly templateChecks: TemplateChecksRepo;
  readonly links: LinksRepo;
  readonly exhibits: ExhibitsRepo;
  readonly annotations: AnnotationsRepo;
  readonly audit: AuditRepo;
  readonly imports: ImportsRepo;
  readonly analysis: AnalysisRepo;
  readonly documents: DocumentsRepo;
  readonly forensics: ForensicsRepo;
  readonly mergedPackages: MergedPackagesRepo;
  readonly blobs: BlobStore;
  private readonly caseInfo: CaseInfoRepo;
  private cachedInfo: CaseInfo | null = null;

  private constructor(
    readonly dir: string,
    readonly db: Database.Database,
  ) {
    this.items = new ItemsRepo(db);
    this.exhibits = new ExhibitsRepo(db);
    this.annotations = new AnnotationsRepo(db);
    this.audit = new AuditRepo(db);
    this.imports = new ImportsRepo(db);
    this.analysis = new AnalysisRepo(db);
    this.documents = new DocumentsRepo(db);
    this.forensics = new ForensicsRepo(db);
    this.templateChecks = new TemplateChecksRepo(db);
    this.links = new LinksRepo(db);
    this.mergedPackages = new MergedPackagesRepo(db);
    this.caseInfo = new CaseInfoRepo(db);
    this.blobs = new BlobStore(dir);
  }

  /** Create a new case in an empty (or absent) folder. */
  static async create(dir: string, options: { title: string; reference?: string | null; examiner?: string | null }): Promise<CaseStore> {
    const title = options.title.trim();
    if (!title) throw new EngineError('invalid-args', 'A case needs a title.');
    const absolute = path.resolve(dir);
    if (existsSync(path.join(absolute, CASE_DB_FILE))) throw new EngineError('conflict', `A case already exists in ${absolute}.`);
    if (existsSync(absolute) && readdirSync(absolute).length > 0) {
      throw new EngineError('conflict', `${absolute} is not empty; a new case needs an empty or new folder.`);
    }
    mkdirSync(absolute, { recursive: true });
    const db = openDatabase(path.join(absolute, CASE_DB_FILE));
    migrate(db);
    const store = new CaseStore(absolute, db);
    await store.blobs.init();
    const info: CaseInfo = {
      id: asCaseId(randomUUID()),
      title,
      reference: options.reference?.trim() || null,
      examiner: options.examiner?.trim() || null,
      createdAt: new Date().toISOString(),
    };
    db.transaction(() => {
      store.caseInfo.init(info, APP_VERSION);
      store.audit.append(info.examiner ?? 'examiner', 'case.created', { title, reference: info.reference, app: `CaseLens ${APP_VERSION}` });
    })();
    return store;
  }

  /** Open an existing case; migrates an older schema (recorded in the audit log), refuses a newer one. */
  static async open(dir: string): Promise<CaseStore> {
    const absolute = path.resolve(dir);
    const file = path.join(absolute, CASE_DB_FILE);
    if (!existsSync(file)) throw new EngineError('not-found', `No case in ${absolute} (no ${CASE_DB_FILE}).`);
    const db = openDatabase(file);
    try {
      const before = schemaVersion(db);
      const after = migrate(db);
      const store = new CaseStore(absolute, db);
      await store.blobs.init();
      if (after !== before) store.audit.append('caselens', 'case.migrated', { from: before, to: after, app: APP_VERSION });
      const interrupted = store.imports.markInterrupted();
      if (interrupted.length) store.audit.append('caselens', 'import.interrupted', { importIds: interrupted });
      return store;
    } catch (error) {
      db.close();
      if (error instanceof NewerSchemaError) throw new EngineError('refused', error.message);
      throw error;
    }
  }

  get info(): CaseInfo {
    return (this.cachedInfo ??= this.caseInfo.get());
  }

  summary(): CaseSummary {
    const info = this.info;
    return {
      id: info.id,
      title: info.title,
      reference: info.reference,
      examiner: info.examiner,
      createdAt: info.createdAt,
      dir: this.dir,
      itemCount: this.items.count(),
      exhibitCount: this.exhibits.list().length,
    };
  }

  /** Run `work` in one write transaction. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export { SCHEMA_VERSION };
