/**
 * `caselens export`, `caselens verify`: evidence packages on the command line (docs/EXPORT.md).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EngineError, HANDLING_CODES, INFORMATION_ACCURACIES, SOURCE_RELIABILITIES, type AssessmentLevel, type CoverNote, type HandlingCode, type InformationAccuracy, type SourceReliability, type VerifyView } from '../contract';
import { exportPackage, libraryTemplateFiles, verifyPackage } from '../export/package';
import { openUnitKey } from '../signing/unit-key';
import { CaseStore } from '../store/case-store';
import { TemplateService } from '../templates/service';
import { throttledProgress, untilInterrupted } from './interrupt';
import { defaultDataDir } from './serve';
import { KEY_PASSPHRASE_ENV } from './templates';

const LEVELS: readonly AssessmentLevel[] = ['no-indicators', 'review', 'strong-indicators'];

/**
 * Cover-note defaults when the examiner gives none: H2 (not to be disseminated further without the provider's
 * permission, the cautious choice), source reliability X and information accuracy 4 ("cannot be judged": an
 * analysis tool cannot grade its sources).
 */
const DEFAULT_COVER = { handling: 'H2', reliability: 'X', accuracy: '4' } as const;

function oneOf<T extends string | number>(value: string, allowed: readonly T[], flag: string): T {
  const found = allowed.find((a) => String(a) === value);
  if (found === undefined) throw new EngineError('invalid-args', `${flag} takes one of ${allowed.join(', ')}; got "${value}"`);
  return found;
}

/**
 * `caselens export <caseDir> --out <dir> [--zip] [--handling H0..H3] [--reliability A|B|C|X] [--accuracy 1..4]
 * [--authorization <text>] [--requested-action <text>] [--organisation <name>] [--lang en,sr-Latn]
 * [--item N]... [--tag T]... [--level L]... [--data <dir>]`: a signed package of the case (or of the items, tags
 * and assessment levels named) in a new folder or zip inside `--out`. The unit key's passphrase comes from
 * $CASELENS_KEY_PASSPHRASE. Prints what was made.
 */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      zip: { type: 'boolean' },
      handling: { type: 'string' },
      reliability: { type: 'string' },
      accuracy: { type: 'string' },
      authorization: { type: 'string' },
      'requested-action': { type: 'string' },
      organisation: { type: 'string' },
      lang: { type: 'string' },
      item: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      level: { type: 'string', multiple: true },
      data: { type: 'string' },
    },
  });
  const [caseDir] = positionals;
  if (!caseDir) throw new EngineError('invalid-args', 'usage: export <caseDir> --out <dir> [--zip] [--handling H1] [--reliability B] [--accuracy 2]');
  if (!values.out) throw new EngineError('invalid-args', 'export needs --out <dir> (the package is created inside it)');
  const coverNote: CoverNote = {
    handling: oneOf<HandlingCode>(values.handling ?? DEFAULT_COVER.handling, HANDLING_CODES, '--handling'),
    sourceReliability: oneOf<SourceReliability>(values.reliability ?? DEFAULT_COVER.reliability, SOURCE_RELIABILITIES, '--reliability'),
    informationAccuracy: oneOf<InformationAccuracy>(values.accuracy ?? DEFAULT_COVER.accuracy, INFORMATION_ACCURACIES, '--accuracy'),
    authorization: values.authorization?.trim() || 'not stated (exported with caselens export without --authorization)',
    requestedAction: values['requested-action'] ?? null,
  };
  const itemIds = (values.item ?? []).map((v) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n <= 0) throw new EngineError('invalid-args', `--item takes an item id; got "${v}"`);
    return n;
  });
  const levels = (values.level ?? []).map((v) => oneOf(v, LEVELS, '--level'));
  const passphrase = process.env[KEY_PASSPHRASE_ENV];
  if (!passphrase) throw new EngineError('invalid-args', `set ${KEY_PASSPHRASE_ENV} to the unit key's passphrase: packages are always signed`);
  const dataDir = values.data ? path.resolve(values.data) : defaultDataDir();
  const key = await openUnitKey(dataDir, passphrase);
  const store = await CaseStore.open(caseDir);
  try {
    const report = throttledProgress();
    const progress = (p: { phase: string; done: number; total: number }) =>
      report(`export: ${p.phase} ${p.phase === 'copying' ? `${(p.done / 1e6).toFixed(0)} of ${(p.total / 1e6).toFixed(0)} MB` : `${p.done}/${p.total}`}`, p.phase === 'copying' && p.done === p.total);
    const view = await untilInterrupted((signal) =>
      exportPackage(
        store,
        {
          scope: { itemIds, tags: values.tag ?? [], levels },
          coverNote,
          outDir: path.resolve(values.out!),
          zip: values.zip ?? false,
          organisation: values.organisation ?? null,
          ...(values.lang ? { languages: values.lang.split(',').map((l) => l.trim()).filter(Boolean) } : {}),
        },
        { key, signer: store.info.examiner ?? 'examiner', templateFiles: libraryTemplateFiles(new TemplateService(dataDir)), onProgress: progress, signal },
      ),
    );
    process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
    return 0;
  } finally {
    store.close();
  }
}

/** The report as an examiner reads it in a terminal: the verdict, the signer, then every bad file and problem. */
function humanReport(v: VerifyView): string {
  const lines = [`${v.ok ? 'VERIFIED' : 'FAILED'}: ${v.path}`];
  if (v.refused) lines.push(`  refused: ${v.refused}`);
  const s = v.signature;
  lines.push(`  signature: ${s.status}${s.fingerprint ? `, key ${s.fingerprint}` : ''}${s.signer ? `, signed by ${s.signer}` : ''}${s.workstation ? ` on ${s.workstation}` : ''}${s.signedAt ? ` at ${s.signedAt}` : ''}`);
  lines.push(`  Payload-Oxum: ${v.payloadOxum.ok ? 'ok' : 'FAILED'} (declared ${v.payloadOxum.declared ?? 'none'}, found ${v.payloadOxum.actual})`);
  if (v.custodyChain) lines.push(`  custody log: ${v.custodyChain.valid ? 'chain holds' : `chain BROKEN at entry ${v.custodyChain.brokenAt ?? '?'}`} (${v.custodyChain.entries} entries)`);
  const bad = v.files.filter((f) => f.status !== 'ok');
  lines.push(`  files: ${v.files.length - bad.length} ok, ${bad.length} not`);
  for (const f of bad) lines.push(`    ${f.status.padEnd(8)} ${f.path}${f.manifest ? ` (${f.manifest}${f.expected ? ` expects ${f.expected.slice(0, 16)}…` : ''}${f.actual ? `, found ${f.actual.slice(0, 16)}…` : ''})` : ''}`);
  for (const p of v.problems) lines.push(`  problem: ${p}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `caselens verify <package> [--json] [--trust <fingerprint>]...`: check a package (folder or zip) without its
 * case: signature, tag manifest, payload manifests, Payload-Oxum, custody chain; every changed, added or removed
 * file named. Exit 0 only when everything holds.
 */
export async function verifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, trust: { type: 'string', multiple: true } } });
  const [pkg] = positionals;
  if (!pkg) throw new EngineError('invalid-args', 'usage: verify <package> [--json]');
  const view = await verifyPackage(path.resolve(pkg), values.trust?.length ? { trustedFingerprints: values.trust } : {});
  process.stdout.write(values.json ? `${JSON.stringify(view, null, 2)}\n` : humanReport(view));
  return view.ok ? 0 : 1;
}
