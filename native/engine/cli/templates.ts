import path from 'node:path';
import { parseArgs } from 'node:util';
import { EngineError } from '../contract';
import { loadTemplateLibrary } from '../templates/library';
import { defaultDataDir } from './serve';

/**
 * `caselens templates list --json [--folder <dir>]...`: every template CaseLens knows: the bundled ones and
 * those in the user template folders (`<data folder>/templates` unless `--folder` names others), each with
 * id, version, title, issuing state, category, source, folder, the SHA-256 of its template.json (what results
 * cite), its sides and zone counts; folders that failed to load are listed under `problems`.
 */
export async function templatesCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw new EngineError('invalid-args', `unknown templates command "${sub ?? ''}" (templates list --json)`);
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, folder: { type: 'string', multiple: true } } });
  if (!values.json) throw new EngineError('invalid-args', 'templates list prints JSON only: add --json');
  const folders = values.folder?.length ? values.folder : [path.join(defaultDataDir(), 'templates')];
  const library = await loadTemplateLibrary(folders);
  const out = {
    templates: library.templates.map((t) => ({
      id: t.template.id,
      version: t.template.version,
      title: t.template.title,
      issuingState: t.template.issuingState,
      category: t.template.category,
      source: t.source,
      dir: t.dir,
      sha256: t.sha256,
      mrz: t.template.mrz ?? null,
      sides: t.template.sides.map((s) => ({ name: s.name, image: s.image, zones: s.zones.length })),
    })),
    problems: library.problems,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}
