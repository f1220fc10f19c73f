/**
 * Exporting library templates as a pack from the engine (the Templates screen's "Export pack…",
 * `templates.exportPack`): the templates named by id and version, a new or empty target folder, the manifest
 * signed with the unit key of the data folder (`<data folder>/keys`, as `caselens templates export` uses it,
 * made at first use) or left unsigned. The copying, hashing and signing are pack.ts's `exportPack`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EngineError, type PackExportView, type UnitKeyView } from '../contract';
import { MIN_PASSPHRASE_LENGTH, openUnitKey, readUnitKeyInfo } from '../signing/unit-key';
import type { LibraryTemplate } from './library';
import { exportPack } from './pack';
import type { TemplateService } from './service';
import { trustWarning } from './views';

/** What `templates.exportPack` is asked for (validated by rpc/validation.ts). */
export interface PackExportRequest {
  readonly templates: readonly { readonly id: string; readonly version: string }[];
  /** Absolute path of a new or empty folder. */
  readonly dir: string;
  /** The unit key's passphrase, or null for an unsigned pack. */
  readonly passphrase: string | null;
}

/**
 * The unit key as the UI shows it before signing (`keys.unit`): whether it exists, its fingerprint from the
 * public key kept beside it, its file, and the shortest passphrase accepted.
 * @param dataDir the workstation's data folder.
 */
export async function unitKeyView(dataDir: string): Promise<UnitKeyView> {
  return { ...(await readUnitKeyInfo(dataDir)), minPassphraseLength: MIN_PASSPHRASE_LENGTH };
}

/** `child` is `parent` or lies inside it. */
const isInside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** A path with symbolic links resolved as far as it exists (the rest appended), so containment checks see through links. */
async function realPathOf(target: string): Promise<string> {
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    try {
      return path.join(await fs.realpath(existing), ...missing);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return target;
      missing.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/** Whether the target folder is to be made (`missing`) or is there and empty; anything else is refused. */
async function targetState(dir: string): Promise<'missing' | 'empty'> {
  const stat = await fs.lstat(dir).catch(() => null);
  if (!stat) return 'missing';
  if (!stat.isDirectory()) throw new EngineError('invalid-args', `${dir} exists and is not a folder; a pack needs a new or empty folder`);
  if ((await fs.readdir(dir)).length) throw new EngineError('conflict', `${dir} is not empty; a pack needs a new or empty folder`);
  return 'empty';
}

/** Undo a failed export: the folder it made, or what it wrote into the empty folder it was given. */
async function removeFailedExport(dir: string, state: 'missing' | 'empty'): Promise<void> {
  if (state === 'missing') {
    await fs.rm(dir, { recursive: true, force: true });
    return;
  }
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) await fs.rm(path.join(dir, name), { recursive: true, force: true });
}

/** The library entries named, refusing those that cannot be vouched for and ids named twice. */
async function entriesOf(service: TemplateService, refs: PackExportRequest['templates']): Promise<LibraryTemplate[]> {
  const entries: LibraryTemplate[] = [];
  for (const { id, version } of refs) {
    const entry = await service.find(id, version);
    // Re-exporting (and signing) a template that failed its own pack's verification would launder it.
    if (entry.trust.status === 'invalid') {
      throw new EngineError('refused', `${id}@${version} comes from a pack that failed verification (${entry.trust.problems.join('; ')}); it is not exported`);
    }
    // A pack holds one folder per template id (pack.json `dir`), so one version of each.
    if (entries.some((e) => e.template.id === id)) throw new EngineError('invalid-args', `${id} is named more than once; a pack holds one version of each template`);
    entries.push(entry);
  }
  return entries;
}

/**
 * Export library templates into a new or empty folder as a template pack, signed with the unit key (made at
 * first use under that passphrase) or unsigned. Nothing is written when an argument is refused (a relative
 * path, an unknown or unverified template, a folder that is not empty or lies inside a template folder or the
 * user template folder, a short or wrong passphrase); a failure while copying removes what was written.
 * @param service the workstation's template library (its data folder holds the unit key).
 * @param request templates by id and version, the target folder, the passphrase or null.
 * @returns the written pack: folder, templates, file count and bytes, signer fingerprint, warning.
 */
export async function exportLibraryPack(service: TemplateService, request: PackExportRequest): Promise<PackExportView> {
  if (!path.isAbsolute(request.dir)) throw new EngineError('invalid-args', `paths must be absolute: ${request.dir}`);
  const dir = path.resolve(request.dir);
  const entries = await entriesOf(service, request.templates);
  const realDir = await realPathOf(dir);
  for (const entry of entries) {
    if (isInside(realDir, await realPathOf(entry.dir))) throw new EngineError('invalid-args', `${dir} lies inside the folder of ${entry.template.id}; choose a folder outside the templates`);
  }
  // The library loads every pack in the user template folder: a pack exported there would load a second time.
  if (isInside(realDir, await realPathOf(service.userRoot))) throw new EngineError('invalid-args', `${dir} lies inside this workstation's template folder (${service.userRoot}); choose a folder outside it`);
  const state = await targetState(dir);
  const keyBefore = await readUnitKeyInfo(service.dataDir);
  const key = request.passphrase === null ? null : await openUnitKey(service.dataDir, request.passphrase);
  let manifest;
  try {
    manifest = await exportPack(entries.map((e) => e.dir), dir, key);
  } catch (error) {
    await removeFailedExport(dir, state);
    throw error;
  }
  return {
    dir,
    templates: manifest.templates.map((t) => `${t.id}@${t.version}`),
    files: manifest.files.length,
    bytes: manifest.files.reduce((sum, f) => sum + f.size, 0),
    signer: manifest.signer?.fingerprint ?? null,
    keyCreated: key !== null && !keyBefore.exists,
    createdAt: manifest.createdAt,
    warning: key ? null : trustWarning({ status: 'unsigned', signer: null, pack: dir, problems: [] }, false),
  };
}
