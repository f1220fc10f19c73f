import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EngineError } from '../contract';
import { ensureCurrentPass, importWatchlist } from '../links/case-links';
import { LINK_KINDS } from '../links/types';
import { occurrences } from '../links/views';
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

/** A ref as the links name it (`item:12`, `document:3`, `person:...`, `family:...`), or a file of the case by path. */
function startRef(store: CaseStore, start: string): string {
  if (/^(item|document|person|family):./.test(start)) return start;
  const row = store.db.prepare(
    `SELECT i.id FROM items i JOIN exhibits e ON e.id = i.exhibit_id
     WHERE i.original_path = ? OR i.exhibit_path = ? OR e.label || '/' || i.exhibit_path = ? ORDER BY i.id LIMIT 1`,
  ).get(start, start, start) as { id: number } | undefined;
  if (!row) throw new EngineError('not-found', `no item, document, person or family "${start}" in this case (give a ref such as item:12, or a file's path)`);
  return `item:${row.id}`;
}

/**
 * `caselens occurrences <caseDir> <start> --json`: everywhere `start` occurs (the UI's "other occurrences"): the
 * items and exhibits reached over same-file, same-image and same-document links (each with the chain of link
 * kinds it was reached by and the weakest strength on it), the documents, holders and families, and the links of
 * other kinds touching them. `start` is a ref (`item:12`, `document:3`, `person:<key>`, `family:<id>`) or a
 * file's original path or exhibit path (`phone-A/DCIM/IMG_0001.jpg`).
 */
export async function occurrencesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (!values.json) throw new EngineError('invalid-args', 'occurrences prints JSON only: add --json');
  if (!positionals[1]) throw new EngineError('invalid-args', 'missing <start> (item:<id>, document:<id>, person:<key>, family:<id> or a file path)');
  const store = await openCase(positionals[0]);
  try {
    const pass = await ensureCurrentPass(store, (m) => process.stderr.write(`${m}\n`));
    process.stderr.write(`occurrences in pass ${pass.id} (linker ${pass.linkerVersion})\n`);
    print(occurrences(store, startRef(store, positionals[1])));
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
