/**
 * The template library: the templates CaseLens ships (`resources/templates`, fictional documents the
 * project generates with scripts/make-templates.ts) and what the user template folders hold (by default
 * `<data folder>/templates`): template folders, and template packs (pack.ts) with their verification status.
 * A folder that does not hold a valid template is reported with its problem and skipped; the others load.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findResource } from '../resources';
import { PACK_MANIFEST, verifyPack, type PackStatus } from './pack';
import { loadTemplate, type LoadedTemplate } from './template';

export type TemplateSource = 'bundled' | 'user' | 'pack';

/**
 * How far a template can be trusted: shipped with CaseLens, a loose user folder (the unit's own work, not
 * signed), or from a pack with its verification status. Anything but `bundled`, `folder` and `signed` is
 * shown with a warning.
 */
export interface TemplateTrust {
  readonly status: 'bundled' | 'folder' | PackStatus;
  /** Fingerprint of the pack's signer, when its signature verifies. */
  readonly signer: string | null;
  readonly pack: string | null;
  readonly problems: readonly string[];
}

export interface LibraryTemplate extends LoadedTemplate {
  readonly source: TemplateSource;
  readonly trust: TemplateTrust;
}

export interface TemplateLibrary {
  readonly templates: readonly LibraryTemplate[];
  /** Folders that looked like templates but could not be loaded, with the reason. */
  readonly problems: readonly { readonly dir: string; readonly error: string }[];
}

/** The shipped templates folder, or null when the resources are not found. */
export function bundledTemplatesDir(): string | null {
  return findResource('templates');
}

async function hasFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function entries(root: string): Promise<{ dir: string; pack: boolean }[]> {
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch {
    return [];
  }
  const out: { dir: string; pack: boolean }[] = [];
  for (const name of names.sort()) {
    const dir = path.join(root, name);
    if (await hasFile(path.join(dir, PACK_MANIFEST))) out.push({ dir, pack: true });
    else if (await hasFile(path.join(dir, 'template.json'))) out.push({ dir, pack: false });
  }
  return out;
}

/**
 * Load every template of the bundled folder and of `userRoots` (each a folder of template folders),
 * bundled first, then user templates in the order given, each group sorted by folder name.
 */
export async function loadTemplateLibrary(userRoots: readonly string[] = []): Promise<TemplateLibrary> {
  const templates: LibraryTemplate[] = [];
  const problems: { dir: string; error: string }[] = [];
  const bundled = bundledTemplatesDir();
  const roots: [string, TemplateSource][] = [...(bundled ? [[bundled, 'bundled'] as [string, TemplateSource]] : []), ...userRoots.map((r) => [path.resolve(r), 'user'] as [string, TemplateSource])];
  const load = async (dir: string, source: TemplateSource, trust: TemplateTrust) => {
    try {
      templates.push({ ...(await loadTemplate(dir)), source, trust });
    } catch (error) {
      problems.push({ dir, error: error instanceof Error ? error.message : String(error) });
    }
  };
  for (const [root, source] of roots) {
    if (source === 'bundled') {
      for (const entry of await entries(root)) if (!entry.pack) await load(entry.dir, source, { status: 'bundled', signer: null, pack: null, problems: [] });
      continue;
    }
    for (const entry of await entries(root)) {
      if (!entry.pack) {
        await load(entry.dir, 'user', { status: 'folder', signer: null, pack: null, problems: [] });
        continue;
      }
      const verified = await verifyPack(entry.dir);
      const trust: TemplateTrust = { status: verified.status, signer: verified.signer, pack: verified.dir, problems: verified.problems };
      for (const t of verified.templates) await load(t.dir, 'pack', trust);
    }
  }
  return { templates, problems };
}
