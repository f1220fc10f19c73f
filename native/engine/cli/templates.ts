import path from 'node:path';
import { parseArgs } from 'node:util';
import { EngineError } from '../contract';
import { openUnitKey } from '../signing/unit-key';
import { loadTemplateLibrary } from '../templates/library';
import { exportPack, verifyPack } from '../templates/pack';
import { defaultDataDir } from './serve';

/** Where the CLI takes the unit key's passphrase from. */
export const KEY_PASSPHRASE_ENV = 'CASELENS_KEY_PASSPHRASE';

/**
 * `caselens templates list --json [--folder <dir>]...`: every template CaseLens knows: the bundled ones and
 * those in the user template folders (`<data folder>/templates` unless `--folder` names others), each with
 * id, version, title, issuing state, category, source, folder, the SHA-256 of its template.json (what results
 * cite), its sides and zone counts; folders that failed to load are listed under `problems`.
 */
export async function templatesCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'export') return exportCommand(rest);
  if (sub === 'verify') return verifyCommand(rest);
  if (sub !== 'list') throw new EngineError('invalid-args', `unknown templates command "${sub ?? ''}" (templates list|export|verify)`);
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
      trust: t.trust,
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

/**
 * `caselens templates export <packDir> <templateDir>... [--unsigned] [--data <dir>]`: copy templates into a
 * new pack folder and sign its manifest with the unit key (`<data folder>/keys`, made at first use; the
 * passphrase comes from $CASELENS_KEY_PASSPHRASE). Prints the manifest.
 */
async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { unsigned: { type: 'boolean' }, data: { type: 'string' } } });
  const [packDir, ...templateDirs] = positionals;
  if (!packDir || !templateDirs.length) throw new EngineError('invalid-args', 'usage: templates export <packDir> <templateDir>... [--unsigned]');
  let key = null;
  if (!values.unsigned) {
    const passphrase = process.env[KEY_PASSPHRASE_ENV];
    if (!passphrase) throw new EngineError('invalid-args', `set ${KEY_PASSPHRASE_ENV} to the unit key's passphrase to sign the pack (or pass --unsigned)`);
    key = await openUnitKey(values.data ? path.resolve(values.data) : defaultDataDir(), passphrase);
  }
  process.stdout.write(`${JSON.stringify(await exportPack(templateDirs, packDir, key), null, 2)}\n`);
  return 0;
}

/** `caselens templates verify <packDir> [--json]`: exit 0 only when the pack is signed and every file is intact. */
async function verifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const [packDir] = positionals;
  if (!packDir) throw new EngineError('invalid-args', 'usage: templates verify <packDir> [--json]');
  const result = await verifyPack(packDir);
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(`${result.status}${result.signer ? ` (signer ${result.signer})` : ''}${result.problems.map((p) => `\n  ${p}`).join('')}\n`);
  return result.status === 'signed' ? 0 : 1;
}
