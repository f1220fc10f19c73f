/**
 * The templates a workstation works with: the library (bundled + `<data folder>/templates`), its trusted
 * signers, pack import, and the template sides prepared for checking (decoded, features, comparison
 * references), prepared once per template.json hash and side and reused by every check.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EngineError, type PackImportView, type TemplateSummaryView } from '../contract';
import { prepareSide } from './align';
import type { TemplateCandidate } from './check/check-document';
import { prepareReference } from './compare';
import { loadTemplateLibrary, type LibraryTemplate, type TemplateLibrary } from './library';
import { PACK_MANIFEST, verifyPack } from './pack';
import { readTrustedSigners, setTrustedSigner } from './signers';
import type { LoadedTemplate } from './template';
import { templateDetail, templateSummary, trustView } from './views';

/** A candidate side and the library entry it came from. */
export interface LibraryCandidate extends TemplateCandidate {
  readonly entry: LibraryTemplate;
}

export class TemplateService {
  private library: Promise<TemplateLibrary> | null = null;
  private readonly prepared = new Map<string, Promise<TemplateCandidate>>();

  /**
   * @param dataDir the workstation's data folder (user templates in `templates/`, trusted signers).
   * @param extraRoots further folders of template folders (CLI `--template`, tests).
   */
  constructor(
    readonly dataDir: string,
    private readonly extraRoots: readonly string[] = [],
  ) {}

  /** The user template folder, where imported packs and saved templates go. */
  get userRoot(): string {
    return path.join(this.dataDir, 'templates');
  }

  /** The library, loaded once until something changes it. */
  load(): Promise<TemplateLibrary> {
    this.library ??= loadTemplateLibrary([this.userRoot, ...this.extraRoots]);
    return this.library;
  }

  /** Forget the loaded library (after an import or a save). Prepared sides stay cached by hash. */
  invalidate(): void {
    this.library = null;
  }

  async list(): Promise<{ templates: TemplateSummaryView[]; problems: TemplateLibrary['problems']; trustedSigners: string[] }> {
    const [library, signers] = await Promise.all([this.load(), readTrustedSigners(this.dataDir)]);
    return { templates: library.templates.map((t) => templateSummary(t, signers)), problems: library.problems, trustedSigners: signers };
  }

  /** A library template by id (newest version when `version` is not given). */
  async find(id: string, version?: string): Promise<LibraryTemplate> {
    const matches = (await this.load()).templates.filter((t) => t.template.id === id && (version === undefined || t.template.version === version));
    if (!matches.length) throw new EngineError('not-found', `No template ${id}${version ? `@${version}` : ''} in the library.`);
    return matches.sort((a, b) => compareVersions(b.template.version, a.template.version))[0]!;
  }

  async detail(id: string, version?: string) {
    return templateDetail(await this.find(id, version), await readTrustedSigners(this.dataDir));
  }

  async summaryOf(entry: LibraryTemplate): Promise<TemplateSummaryView> {
    return templateSummary(entry, await readTrustedSigners(this.dataDir));
  }

  /** One template side prepared for checking (cached by template.json hash, folder and side). */
  prepare(template: LoadedTemplate, sideName: string): Promise<TemplateCandidate> {
    const key = `${template.sha256}:${template.dir}:${sideName}`;
    let entry = this.prepared.get(key);
    if (!entry) {
      entry = (async () => {
        const side = await prepareSide(template, sideName);
        return { template, side, reference: prepareReference(side.reference, side.zones, side.width / template.template.size.widthMm) };
      })();
      entry.catch(() => this.prepared.delete(key));
      this.prepared.set(key, entry);
    }
    return entry;
  }

  /**
   * Every side of every library template, prepared; `onlyDir` restricts to templates loaded from that folder
   * (CLI `--template`). A template whose reference image cannot be prepared is left out and reported.
   */
  async candidates(onlyDir?: string): Promise<{ candidates: LibraryCandidate[]; problems: string[] }> {
    const library = await this.load();
    const wanted = onlyDir ? library.templates.filter((t) => path.resolve(t.dir) === path.resolve(onlyDir)) : library.templates;
    const candidates: LibraryCandidate[] = [];
    const problems: string[] = [];
    for (const entry of wanted) {
      for (const side of entry.template.sides) {
        try {
          candidates.push({ ...(await this.prepare(entry, side.name)), entry });
        } catch (error) {
          problems.push(`${entry.template.id}@${entry.template.version} side ${side.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    return { candidates, problems };
  }

  /** Verify a pack folder and copy it into the user template folder; returns its status and warning. */
  async importPack(source: string): Promise<PackImportView> {
    const from = path.resolve(source);
    const stat = await fs.stat(from).catch(() => null);
    if (!stat?.isDirectory()) throw new EngineError('invalid-args', `${source} is not a folder (a template pack is a folder with ${PACK_MANIFEST})`);
    const first = await verifyPack(from);
    if (first.problems.some((p) => p.endsWith(`${PACK_MANIFEST} is missing`))) throw new EngineError('invalid-args', `${source} is not a template pack: ${PACK_MANIFEST} is missing`);
    const name = `${path.basename(from).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'pack'}-${randomUUID().slice(0, 8)}`;
    const to = path.join(this.userRoot, name);
    await fs.mkdir(this.userRoot, { recursive: true });
    await fs
      .cp(from, to, {
      recursive: true,
      errorOnExist: true,
      force: false,
      // A pack is plain files: a link could make verification read one file and loading another.
      filter: async (src) => {
        if ((await fs.lstat(src)).isSymbolicLink()) throw new EngineError('refused', `${source}: ${path.relative(from, src)} is a symbolic link; template packs hold plain files only`);
        return true;
      },
    })
      .catch(async (error: unknown) => {
        await fs.rm(to, { recursive: true, force: true });
        throw error;
      });
    // Verified again where it now lies: what loads is what was checked.
    const verified = await verifyPack(to);
    this.invalidate();
    const signers = await readTrustedSigners(this.dataDir);
    const trust = trustView({ status: verified.status, signer: verified.signer, pack: verified.dir, problems: verified.problems }, signers);
    return { status: trust.status, signer: trust.signer, trustedSigner: trust.trustedSigner, problems: trust.problems, templates: verified.templates.map((t) => `${t.id}@${t.version}`), warning: trust.warning, dir: to };
  }

  async trustSigner(fingerprint: string, trusted: boolean): Promise<string[]> {
    return setTrustedSigner(this.dataDir, fingerprint, trusted);
  }
}

/** Semantic versions x.y.z compared numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
