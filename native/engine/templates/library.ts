/**
 * The template library: the templates CaseLens ships (`resources/templates`, fictional documents the
 * project generates with scripts/make-templates.ts) and the unit's own template folders (by default
 * `<data folder>/templates`). A folder that does not hold a valid template is reported with its problem and
 * skipped; the others still load.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findResource } from '../resources';
import { loadTemplate, type LoadedTemplate } from './template';

export type TemplateSource = 'bundled' | 'user';

export interface LibraryTemplate extends LoadedTemplate {
  readonly source: TemplateSource;
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

async function templateDirs(root: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch {
    return [];
  }
  const dirs: string[] = [];
  for (const name of names.sort()) {
    const dir = path.join(root, name);
    try {
      if ((await fs.stat(path.join(dir, 'template.json'))).isFile()) dirs.push(dir);
    } catch {
      // Not a template folder: ignored (a library folder may hold other files).
    }
  }
  return dirs;
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
  for (const [root, source] of roots) {
    for (const dir of await templateDirs(root)) {
      try {
        templates.push({ ...(await loadTemplate(dir)), source });
      } catch (error) {
        problems.push({ dir, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return { templates, problems };
}
