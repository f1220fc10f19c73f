/**
 * `caselens merge`: import evidence packages from several workstations into a coordination case
 * (docs/EXPORT.md "Merge at a coordination centre").
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EngineError, type MergeView } from '../contract';
import { mergePackages } from '../export/merge';
import { CaseStore } from '../store/case-store';
import { untilInterrupted } from './interrupt';

/** The merge as an examiner reads it in a terminal. */
function humanMerge(view: MergeView): string {
  const lines: string[] = [];
  for (const p of view.packages) {
    if (!p.accepted) lines.push(`REFUSED ${p.path}\n  ${p.reason ?? ''}`);
    else lines.push(`MERGED  ${p.path}${p.alreadyMerged ? ' (merged before: nothing new)' : ''}\n  signed by ${p.signer ?? '?'} on ${p.workstation ?? '?'}, key ${p.fingerprint ?? '?'}\n  items added ${p.itemsAdded}, already present ${p.itemsAlreadyPresent}, findings ${p.findings}, documents ${p.documents}`);
  }
  lines.push(`shared across packages: ${view.shared.length}`);
  for (const s of view.shared) lines.push(`  ${s.kind.padEnd(21)} ${s.value}  in ${s.occurrences.map((o) => o.workstation ?? o.package).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `caselens merge <caseDir> <package>... [--json] [--trust <fingerprint>]...`: verify and merge each package;
 * exit 0 when every package was merged, 1 when any was refused (the others are still merged).
 */
export async function mergeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, trust: { type: 'string', multiple: true } } });
  const [caseDir, ...packages] = positionals;
  if (!caseDir || !packages.length) throw new EngineError('invalid-args', 'usage: merge <caseDir> <package>... [--json]');
  const store = await CaseStore.open(caseDir);
  try {
    const view = await untilInterrupted((signal) =>
      mergePackages(store, packages.map((p) => path.resolve(p)), {
        signal,
        ...(values.trust?.length ? { trustedFingerprints: values.trust } : {}),
        onProgress: (p) => {
          if (p.path) process.stderr.write(`merge: ${p.done + 1}/${p.total} ${p.path}\n`);
        },
      }),
    );
    process.stdout.write(values.json ? `${JSON.stringify(view, null, 2)}\n` : humanMerge(view));
    return view.packages.every((p) => p.accepted) ? 0 : 1;
  } finally {
    store.close();
  }
}
