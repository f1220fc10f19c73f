import { parseArgs } from 'node:util';
import { createAnalyserSet } from '../analysers/registry';
import { EngineError } from '../contract';
import { runLinkPass } from '../links/link-pass';
import { measureCaseLinks } from '../links/measure';
import { runAnalysis } from '../pipeline/runner';
import { CaseStore } from '../store/case-store';
import { throttledProgress, untilInterrupted } from './interrupt';
import { TemplateService } from '../templates/service';
import { defaultDataDir } from './serve';

/**
 * `caselens analyze <caseDir> [--no-ocr] [--no-forensics] [--no-templates]`: run the document, forensic and
 * template analysers on every item of a case (templates: the bundled ones and `<data folder>/templates`),
 * progress on stderr, summary JSON on stdout. Stored results for the same bytes and analyser version are reused.
 * The case is linked afterwards (see `caselens links`).
 */
export async function analyzeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'no-ocr': { type: 'boolean' }, 'no-forensics': { type: 'boolean' }, 'no-templates': { type: 'boolean' } } });
  const [dir] = positionals;
  if (!dir) throw new EngineError('invalid-args', 'missing <caseDir>');
  const store = await CaseStore.open(dir);
  const set = createAnalyserSet({ ocr: !values['no-ocr'], forensics: !values['no-forensics'], ...(values['no-templates'] ? {} : { templates: new TemplateService(defaultDataDir()) }) });
  const report = throttledProgress();
  try {
    const summary = await untilInterrupted((signal) =>
      runAnalysis(store, {
        analysers: set.analysers,
        signal,
        actor: store.info.examiner ?? 'caselens',
        onProgress: (p) => report(`analysing ${p.done}/${p.total}${p.currentPath ? ` ${p.currentPath}` : ''}`, p.done === p.total),
      }),
    );
    if (!summary.cancelled) {
      const linked = await runLinkPass(store, { measure: measureCaseLinks, actor: store.info.examiner ?? 'caselens' });
      process.stderr.write(`linked in ${linked.ms} ms: ${linked.links} links, ${linked.entities} entities\n`);
    }
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return summary.cancelled ? 130 : 0;
  } finally {
    await set.close();
    store.close();
  }
}
