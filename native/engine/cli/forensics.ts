import { parseArgs } from 'node:util';
import { FORENSIC_TITLES } from '../analysers/forensics';
import { asItemId, EngineError } from '../contract';
import { CaseStore } from '../store/case-store';

/**
 * `caselens forensics <caseDir> --json [--min-score S]`: the stored forensic results of every analysed item
 * of a case, as `check` prints them for loose files: fused score, each analyser's run, and every finding
 * with analyser, version, kind, severity, score, region (upright item pixels, or document pixels for
 * per-zone findings, see `space`) and summary. `--min-score` keeps items whose fused score is at least S.
 */
export async function forensicsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, 'min-score': { type: 'string' } } });
  if (!values.json) throw new EngineError('invalid-args', 'forensics prints JSON only: add --json');
  const [dir] = positionals;
  if (!dir) throw new EngineError('invalid-args', 'missing <caseDir>');
  const minScore = values['min-score'] === undefined ? null : Number(values['min-score']);
  if (minScore !== null && !(minScore >= 0 && minScore <= 1)) throw new EngineError('invalid-args', '--min-score takes a number from 0 to 1');
  const store = await CaseStore.open(dir);
  try {
    const out = [];
    for (const item of store.items.iterateRecords()) {
      const f = store.forensics.ofItem(asItemId(item.id), FORENSIC_TITLES);
      if (!f || f.runs.length === 0) continue;
      if (minScore !== null && (f.score === null || f.score < minScore)) continue;
      out.push({
        itemId: item.id,
        exhibitPath: item.exhibitPath,
        sha256: item.sha256,
        score: f.score,
        analysers: f.runs.map((r) => ({ analyser: r.analyserId, version: r.provenance.analyserVersion, status: r.status, reason: r.reason, score: r.score })),
        findings: f.findings.map((x) => ({
          analyser: x.provenance.analyserId,
          version: x.provenance.analyserVersion,
          kind: x.kind,
          severity: x.severity,
          score: x.confidence,
          region: x.region,
          space: x.space,
          ...(typeof x.attributes.field === 'string' ? { field: x.attributes.field } : {}),
          summary: x.explanation,
        })),
        maps: f.maps.map((m) => ({ analyser: m.analyserId, name: m.name, width: m.width, height: m.height, cellSize: m.cellSize, unit: m.unit, range: m.range })),
      });
    }
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } finally {
    store.close();
  }
}
