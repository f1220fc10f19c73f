import { parseArgs } from 'node:util';
import { EngineError, type ExhibitRecord } from '../contract';
import { collectionRecord } from '../host/engine';
import { runImport } from '../ingest/importer';
import { CaseStore } from '../store/case-store';
import { itemJson } from './item-json';
import { analyzeCommand } from './analyze';
import { checkCommand } from './check';
import { forensicsCommand } from './forensics';
import { templatesCommand } from './templates';
import { familiesCommand, linksCommand, occurrencesCommand, watchlistCommand } from './links';
import { throttledProgress, untilInterrupted } from './interrupt';
import { serveCommand } from './serve';
import { exportCommand, verifyCommand } from './package';
import { mergeCommand } from './merge';

export const USAGE = `caselens: offline evidence and document-fraud workstation (engine CLI)

  caselens case create <caseDir> --title <text> [--examiner <name>] [--reference <ref>]
  caselens exhibit add <caseDir> --label <label> [--description ..] [--seized-by ..] [--seized-at ..]
                       [--place ..] [--seal ..] [--make ..] [--model ..] [--serial ..] [--imei ..] [--notes ..]
  caselens exhibits <caseDir> --json
  caselens ingest <caseDir> <path>... [--exhibit <label>] [--reference-in-place] [--max-expansion <bytes>]
  caselens items <caseDir> --json
  caselens audit <caseDir> --json
  caselens check <image>... --json [--template <dir>] [--no-templates] [--no-viz] [--no-forensics]
                 [--maps <dir>] [--mask-out <dir>] [--today YYYY-MM-DD]
  caselens analyze <caseDir> [--no-ocr] [--no-forensics] [--no-templates]
  caselens forensics <caseDir> --json [--min-score S]
  caselens links <caseDir> --json [--kind K]... [--min-strength S]
  caselens families <caseDir> --json
  caselens occurrences <caseDir> <item:N|document:N|person:K|family:F|file path> --json
  caselens watchlist add <caseDir> <list.csv>
  caselens watchlist list <caseDir> --json
  caselens templates list --json [--folder <dir>]...
  caselens templates export <packDir> <templateDir>... [--unsigned] [--data <dir>]   (passphrase: $CASELENS_KEY_PASSPHRASE)
  caselens templates verify <packDir> [--json]
  caselens export <caseDir> --out <dir> [--zip] [--handling H0..H3] [--reliability A|B|C|X] [--accuracy 1..4]
                  [--authorization ..] [--requested-action ..] [--organisation ..] [--lang en,sr-Latn]
                  [--item N]... [--tag T]... [--level L]... [--data <dir>]   (passphrase: $CASELENS_KEY_PASSPHRASE)
  caselens verify <package> [--json] [--trust <fingerprint>]...
  caselens merge <caseDir> <package>... [--json] [--trust <fingerprint>]...
  caselens serve [--port N] [--data <dir>]

JSON goes to stdout, progress to stderr; the exit code is non-zero on failure.
`;

/** Exhibit used by \`ingest\` when no --exhibit is given: items not yet attributed to a seized device. */
export const DEFAULT_EXHIBIT_LABEL = 'Unassigned';

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function usageError(message: string): never {
  throw new EngineError('invalid-args', `${message}\n\n${USAGE}`);
}

async function withCase<T>(dir: string | undefined, work: (store: CaseStore) => Promise<T> | T): Promise<T> {
  if (!dir) usageError('missing <caseDir>');
  const store = await CaseStore.open(dir);
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

async function caseCreate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { title: { type: 'string' }, examiner: { type: 'string' }, reference: { type: 'string' } },
  });
  const [dir] = positionals;
  if (!dir) usageError('missing <caseDir>');
  if (!values.title) usageError('missing --title');
  const store = await CaseStore.create(dir, { title: values.title, examiner: values.examiner ?? null, reference: values.reference ?? null });
  print(store.summary());
  store.close();
  return 0;
}

async function exhibitAdd(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: Object.fromEntries(
      ['label', 'description', 'seized-by', 'seized-at', 'place', 'seal', 'make', 'model', 'serial', 'imei', 'notes'].map((name) => [name, { type: 'string' as const }]),
    ),
  });
  const v = values as Record<string, string | undefined>;
  if (!v.label) usageError('missing --label');
  const record: ExhibitRecord = {
    label: v.label,
    description: v.description ?? null,
    seizedBy: v['seized-by'] ?? null,
    seizedAt: v['seized-at'] ?? null,
    place: v.place ?? null,
    sealNumber: v.seal ?? null,
    deviceMake: v.make ?? null,
    deviceModel: v.model ?? null,
    deviceSerial: v.serial ?? null,
    deviceImei: v.imei ?? null,
    notes: v.notes ?? null,
  };
  return withCase(positionals[0], (store) => {
    const exhibit = store.transaction(() => {
      const created = store.exhibits.create(record);
      store.audit.append(store.info.examiner ?? 'examiner', 'exhibit.created', collectionRecord(created));
      return created;
    });
    print(exhibit);
    return 0;
  });
}

async function ingest(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { exhibit: { type: 'string' }, 'reference-in-place': { type: 'boolean' }, 'max-expansion': { type: 'string' } },
  });
  const [dir, ...paths] = positionals;
  if (!paths.length) usageError('missing <path> to ingest');
  const maxExpansion = values['max-expansion'] !== undefined ? Number(values['max-expansion']) : undefined;
  if (maxExpansion !== undefined && !(maxExpansion > 0)) usageError('--max-expansion takes a positive number of bytes');
  return withCase(dir, async (store) => {
    const label = values.exhibit ?? DEFAULT_EXHIBIT_LABEL;
    const exhibit =
      store.exhibits.findByLabel(label) ??
      store.transaction(() => {
        const created = store.exhibits.create({ label });
        store.audit.append('caselens', 'exhibit.created', { ...collectionRecord(created), by: 'ingest' });
        return created;
      });
    const report = throttledProgress();
    const summary = await untilInterrupted((signal) =>
      runImport(store, {
        exhibitId: exhibit.id,
        paths,
        referenceInPlace: values['reference-in-place'] ?? false,
        maxArchiveExpansion: maxExpansion,
        signal,
        onProgress: (p) => report(`${p.phase} ${p.done}/${p.total ?? '?'}${p.currentPath ? ` ${p.currentPath}` : ''}`, p.phase !== 'importing' || p.done === p.total),
      }),
    );
    print(summary);
    return summary.cancelled ? 130 : 0;
  });
}

function requireJson(args: string[]): string | undefined {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (!values.json) usageError('this command prints JSON only: add --json');
  return positionals[0];
}

export async function runCommand(command: string, args: string[]): Promise<number> {
  switch (command) {
    case 'case':
      if (args[0] !== 'create') usageError(`unknown case command "${args[0] ?? ''}"`);
      return caseCreate(args.slice(1));
    case 'exhibit':
      if (args[0] !== 'add') usageError(`unknown exhibit command "${args[0] ?? ''}"`);
      return exhibitAdd(args.slice(1));
    case 'exhibits':
      return withCase(requireJson(args), (store) => (print(store.exhibits.list()), 0));
    case 'ingest':
      return ingest(args);
    case 'items':
      return withCase(requireJson(args), (store) => {
        const exhibits = new Map(store.exhibits.list().map((e) => [e.id as number, e]));
        print([...store.items.iterateRecords()].map((item) => itemJson(item, exhibits)));
        return 0;
      });
    case 'audit':
      return withCase(requireJson(args), (store) => {
        const page = store.audit.page(0, Number.MAX_SAFE_INTEGER);
        print({ chainValid: page.chainValid, brokenAt: page.brokenAt, entries: [...page.entries].reverse() });
        return page.chainValid ? 0 : 1;
      });
    case 'check':
      return checkCommand(args);
    case 'analyze':
      return analyzeCommand(args);
    case 'forensics':
      return forensicsCommand(args);
    case 'templates':
      return templatesCommand(args);
    case 'links':
      return linksCommand(args);
    case 'families':
      return familiesCommand(args);
    case 'occurrences':
      return occurrencesCommand(args);
    case 'export':
      return exportCommand(args);
    case 'verify':
      return verifyCommand(args);
    case 'merge':
      return mergeCommand(args);
    case 'watchlist':
      return watchlistCommand(args);
    case 'serve':
      return serveCommand(args);
    default:
      usageError(`unknown command "${command}"`);
  }
}

