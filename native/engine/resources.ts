/**
 * Where the shipped `resources/` folder is: the packaged app's resources (`process.resourcesPath/resources`,
 * electron-builder.yml `extraResources`), then the nearest `resources/` above the running module, which
 * covers source under tsx/vitest and the bundles in out/cli and out/main.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Candidate paths of `resources/<relative>`, most specific first. */
export function resourceCandidates(relative: string): string[] {
  const candidates: string[] = [];
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(path.join(resourcesPath, 'resources', relative));
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    candidates.push(path.join(dir, 'resources', relative));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return candidates;
}

/** The first `resources/<relative>` that exists (and holds `marker`, when given), or null. */
export function findResource(relative: string, marker?: string): string | null {
  return resourceCandidates(relative).find((c) => existsSync(marker ? path.join(c, marker) : c)) ?? null;
}
