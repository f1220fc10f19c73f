import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { EngineError, type CaseId, type CaseSummary } from '../contract';
import { CASE_DB_FILE, CaseStore } from '../store/case-store';

/** Folder-safe slug from a case title, for the case folder name. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'case';
}

/**
 * The cases of one data folder (`<dataDir>/cases/<folder>`), each opened once and kept open: the engine
 * process holds the only writer connection of every case it serves.
 */
export class CaseRegistry {
  private readonly open = new Map<CaseId, CaseStore>();
  private scanned = false;

  constructor(readonly dataDir: string) {}

  get casesDir(): string {
    return path.join(this.dataDir, 'cases');
  }

  private async scan(): Promise<void> {
    await fs.mkdir(this.casesDir, { recursive: true });
    const known = new Set([...this.open.values()].map((store) => store.dir));
    for (const name of (await fs.readdir(this.casesDir)).sort()) {
      const dir = path.join(this.casesDir, name);
      if (known.has(dir) || !existsSync(path.join(dir, CASE_DB_FILE))) continue;
      try {
        const store = await CaseStore.open(dir);
        this.open.set(store.info.id, store);
      } catch {
        // A case this version cannot open (newer schema, damaged) is left untouched and not listed.
      }
    }
    this.scanned = true;
  }

  async list(): Promise<CaseSummary[]> {
    await this.scan();
    return [...this.open.values()].map((store) => store.summary()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async get(caseId: CaseId): Promise<CaseStore> {
    if (!this.scanned || !this.open.has(caseId)) await this.scan();
    const store = this.open.get(caseId);
    if (!store) throw new EngineError('not-found', `No case ${caseId} in ${this.casesDir}.`);
    return store;
  }

  async create(options: { title: string; reference?: string | null; examiner?: string | null }): Promise<CaseStore> {
    await fs.mkdir(this.casesDir, { recursive: true });
    const base = slugify(options.title);
    let dir = path.join(this.casesDir, base);
    for (let n = 2; existsSync(dir); n++) dir = path.join(this.casesDir, `${base}-${n}`);
    const store = await CaseStore.create(dir, options);
    this.open.set(store.info.id, store);
    return store;
  }

  closeAll(): void {
    for (const store of this.open.values()) store.close();
    this.open.clear();
  }
}
