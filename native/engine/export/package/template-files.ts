/** The files of a cited template version, from the workstation's library, for `metadata/templates/`. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TemplateService } from '../../templates/service';
import type { TemplateFiles } from './build-package';

/**
 * `template.json` and the reference images it names, of the library template with this id, version and
 * template.json SHA-256; null when the library no longer holds that exact version (the package then notes it).
 * @param service the workstation's template library
 */
export function libraryTemplateFiles(service: TemplateService): (id: string, version: string, sha256: string) => Promise<TemplateFiles | null> {
  return async (id, version, sha256) => {
    const entry = (await service.load()).templates.find((t) => t.template.id === id && t.template.version === version && t.sha256 === sha256);
    if (!entry) return null;
    const names = ['template.json', ...new Set(entry.template.sides.map((s) => s.image))];
    const files = [];
    for (const name of names) {
      const file = path.resolve(entry.dir, name);
      if (path.relative(entry.dir, file).startsWith('..')) continue; // a side image outside its folder is not the template's to ship
      files.push({ name: path.relative(entry.dir, file).split(path.sep).join('/'), bytes: await fs.readFile(file) });
    }
    return { files };
  };
}
