import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EngineError } from '../contract';
import { ensureCurrentPass, importWatchlist } from '../links/case-links';
import { LINK_KINDS } from '../links/types';
import { CaseStore } from '../store/case-store';

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function openCase(dir: string | undefined): Promise<CaseStore> {
  if (!dir) throw new EngineError('invalid-args', 'missing <caseDir>');
  return CaseStore.open(dir);
}

/**
 * `caselens links <caseDir> --json [--kind K]... [--min-strength S]`: every link of the case, each with `kind`,
 * `from`, `to` (`item:<id>`, `document:<id>`, `person:<key>`, `family:<id>`, `watchlist-entry:<sha256>#<row>`),
 * `strength` in [0, 1], `evidence` and `summary`. The case is linked first when its newest pass is out of date
 * (new items, documents, template checks or watchlists since); the pass used is named on stderr.
 */
export async function linksCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, kind: { type: 'string', multiple: true }, 'min-strength': { type: 'string' } } });
  if (!values.json) throw new EngineError('invalid-args', 'links prints JSON only: add --json');
  const kinds = values.kind ?? [];
  for (const k of kinds) if (!(LINK_KINDS as readonly string[]).includes(k)) throw new EngineError('invalid-args', `unknown link kind "${k}"; kinds: ${LINK_KINDS.join(', ')}`);
  const minStrength = values['min-strength'] === undefined ? undefined : Number(values['min-strength']);
  if (minStrength !== undefined && !(minStrength >= 0 && minStrength <= 1)) throw new EngineError('invalid-args', '--min-strength takes a number from 0 to 1');
  const store = await openCase(positionals[0]);
  try {
    const pass = await ensureCurrentPass(store, (m) => process.stderr.write(`${m}\n`));
    process.stderr.write(`links of pass ${pass.id} (linker ${pass.linkerVersion}, ${pass.finishedAt})\n`);
    print(store.links.all({ kinds, ...(minStrength === undefined ? {} : { minStrength }) }).map(({ kind, from, to, strength, evidence, summary }) => ({ kind, from, to, strength, evidence, summary })));
    return 0;
  } finally {
    store.close();
  }
}

/**
 * `caselens families <caseDir> --json`: forgery families (documents grouped by shared production traces),
 * each with its members and the traits they share.
 */
export async function familiesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (!values.json) throw new EngineError('invalid-args', 'families prints JSON only: add --json');
  const store = await openCase(positionals[0]);
  try {
    const pass = await ensureCurrentPass(store, (m) => process.stderr.write(`${m}\n`));
    process.stderr.write(`families of pass ${pass.id} (linker ${pass.linkerVersion})\n`);
    print(store.links.entities('family').map((f) => ({ id: f.ref, label: f.label, members: f.members, ...f.attributes })));
    return 0;
  } finally {
    store.close();
  }
}

/** `caselens watchlist add <caseDir> <list.csv>` and `caselens watchlist list <caseDir> --json`. */
export async function watchlistCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (sub === 'list') {
    if (!values.json) throw new EngineError('invalid-args', 'watchlist list prints JSON only: add --json');
    const store = await openCase(positionals[0]);
    try {
      print(store.links.watchlists());
      return 0;
    } finally {
      store.close();
    }
  }
  if (sub !== 'add') throw new EngineError('invalid-args', `unknown watchlist command "${sub ?? ''}" (add, list)`);
  const [dir, file] = positionals;
  if (!file) throw new EngineError('invalid-args', 'missing <list.csv>');
  const bytes = await readFile(file);
  const store = await openCase(dir);
  try {
    print(importWatchlist(store, bytes, path.basename(file), store.info.examiner ?? 'examiner'));
    return 0;
  } finally {
    store.close();
  }
}
