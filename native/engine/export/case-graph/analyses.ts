/**
 * Analyses: every analyser run on the contents in scope as an investigative action (instrument: the analyser as
 * a configured tool; performer: the examiner; object: the files with those bytes; result: its findings as
 * annotations, the documents it found, the template checks and derived files it made).
 */
import { asDocumentId } from '../../contract';
import { configuredTool } from './actors';
import { filesOfContent, type BuildContext } from './build-context';
import type { FindingRecord, RunRecord } from './case-graph.query';
import { compact } from './graph-nodes';
import { canonicalJson, dateTime, ref } from './literals';

/** Run statuses as `uco-action:actionStatus` (ActionStatusTypeVocab); a skip is a finished run that did not apply. */
const RUN_STATUS: Readonly<Record<RunRecord['status'], string>> = { ok: 'Success', skipped: 'Complete/Finish', failed: 'Fail' };

/** The action node id of a run: keyed by what makes a run unique in the store (bytes, analyser, version). */
export function analysisActionId(ctx: BuildContext, run: { readonly inputSha256: string; readonly analyserId: string; readonly analyserVersion: string }): string {
  return ctx.ids.id('investigative-action', 'analysis', run.inputSha256, run.analyserId, run.analyserVersion);
}

/**
 * A run's stored parameters split into the analyser's settings and what the run measured: the runner keeps an
 * analyser's `metrics` output under `parameters.metrics` (pipeline/runner.ts), which is a result, not a setting.
 */
export function settingsOf(run: RunRecord): { parameters: Readonly<Record<string, unknown>>; metrics: unknown } {
  const { metrics, ...parameters } = run.parameters;
  return { parameters, metrics };
}

/** One run as an action (its scores and metrics, when it stored any, as an annotation among its results); returns its id. */
export function addAnalysis(ctx: BuildContext, run: RunRecord, scores: Readonly<Record<string, number>> | undefined): string {
  const id = analysisActionId(ctx, run);
  const { parameters, metrics } = settingsOf(run);
  const instrument = configuredTool(ctx, run.analyserId, run.analyserVersion, { parameters, resources: run.resources });
  const metricsId = metrics === undefined && scores === undefined ? null : ctx.ids.id('annotation', 'run-metrics', run.inputSha256, run.analyserId, run.analyserVersion);
  ctx.nodes.add(
    compact({
      '@id': id,
      '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': `Analysis ${run.analyserId} ${run.analyserVersion}`,
      'uco-core:description': run.status === 'ok' ? null : `${run.status}: ${run.error ?? 'no reason recorded'}`,
      'uco-action:actionStatus': RUN_STATUS[run.status],
      'uco-action:startTime': dateTime(run.startedAt),
      'uco-action:endTime': dateTime(run.finishedAt),
      'uco-action:instrument': ref(instrument),
      'uco-action:performer': ctx.examinerId ? ref(ctx.examinerId) : null,
      'uco-action:object': filesOfContent(ctx, run.inputSha256).map(ref),
    }),
  );
  if (metricsId) {
    ctx.nodes.add({
      '@id': metricsId,
      '@type': 'uco-core:Annotation',
      'uco-core:name': `Measurements of ${run.analyserId} ${run.analyserVersion}`,
      'uco-core:description': scores ? `Scores: ${Object.entries(scores).map(([name, value]) => `${name} ${value.toFixed(3)}`).join(', ')}.` : 'Figures the run recorded.',
      'uco-core:tag': [`analyser:${run.analyserId}`, `analyser-version:${run.analyserVersion}`, `input-sha256:${run.inputSha256}`, ...Object.entries(scores ?? {}).map(([name, value]) => `score:${name}=${value}`)],
      'uco-core:statement': canonicalJson({ scores: scores ?? null, metrics: metrics ?? null }),
      'uco-core:object': filesOfContent(ctx, run.inputSha256).map(ref),
    });
    ctx.nodes.pushRefs(id, 'uco-action:result', [metricsId]);
  }
  return id;
}

/**
 * A finding as an annotation on the files it is about (and the document identity, for a finding on a document):
 * the explanation as description, the facts as tags, and everything measured, with the run's provenance, as a
 * canonical-JSON statement.
 */
export function addFinding(ctx: BuildContext, run: RunRecord, finding: FindingRecord): string {
  const id = ctx.ids.id('annotation', 'finding', finding.id);
  const identity = finding.documentId !== null ? ctx.identityOfDocument.get(finding.documentId) : undefined;
  ctx.nodes.add(
    compact({
      '@id': id,
      '@type': 'uco-core:Annotation',
      'uco-core:name': finding.kind,
      'uco-core:description': finding.explanation,
      'uco-core:tag': [
        `finding:${finding.kind}`,
        `severity:${finding.severity}`,
        `analyser:${run.analyserId}`,
        `analyser-version:${run.analyserVersion}`,
        `input-sha256:${run.inputSha256}`,
        ...(finding.confidence !== null ? [`confidence:${finding.confidence}`] : []),
      ],
      'uco-core:statement': canonicalJson({
        analyser: run.analyserId,
        analyserVersion: run.analyserVersion,
        parameters: settingsOf(run).parameters,
        inputSha256: run.inputSha256,
        kind: finding.kind,
        severity: finding.severity,
        confidence: finding.confidence,
        region: finding.region,
        measured: finding.attributes,
      }),
      'uco-core:object': [...filesOfContent(ctx, run.inputSha256), ...(identity ? [identity] : [])].map(ref),
    }),
  );
  ctx.nodes.pushRefs(analysisActionId(ctx, run), 'uco-action:result', [id]);
  return id;
}

/**
 * The newest template check of a document as an annotation on the document identity and its files (and the
 * packaged template file, when the package carries the exact template.json the check used).
 */
export function addTemplateCheck(ctx: BuildContext, documentId: number, templateFiles: ReadonlyMap<string, string>): void {
  const check = ctx.reader.templateChecks.latestOf(asDocumentId(documentId));
  const identity = ctx.identityOfDocument.get(documentId);
  if (!check || !identity) return;
  const actionId = analysisActionId(ctx, check.provenance);
  if (!ctx.nodes.has(actionId)) return;
  const template = check.templateSha256 ? templateFiles.get(check.templateSha256) : undefined;
  const id = ctx.ids.id('annotation', 'template-check', documentId, check.provenance.analyserVersion, check.provenance.inputSha256);
  const label = check.templateId ? `${check.templateId}@${check.templateVersion ?? ''}` : 'no template recognised';
  ctx.nodes.add(
    compact({
      '@id': id,
      '@type': 'uco-core:Annotation',
      'uco-core:name': `Template check (${label})`,
      'uco-core:description': check.level ? `Assessment ${check.level}${check.score !== null ? ` (score ${check.score.toFixed(2)})` : ''} against ${label}.` : `No assessment: ${label}.`,
      'uco-core:tag': [`template:${label}`, ...(check.level ? [`assessment:${check.level}`] : []), ...(check.templateSha256 ? [`template-sha256:${check.templateSha256}`] : [])],
      'uco-core:statement': canonicalJson({
        analyser: check.provenance.analyserId,
        analyserVersion: check.provenance.analyserVersion,
        inputSha256: check.provenance.inputSha256,
        templateId: check.templateId,
        templateVersion: check.templateVersion,
        templateSha256: check.templateSha256,
        side: check.side,
        matched: check.matched,
        recognitionScore: check.recognitionScore,
        score: check.score,
        level: check.level,
        findingIds: check.findings.map((f) => f.id),
      }),
      'uco-core:object': [identity, ...filesOfContent(ctx, check.provenance.inputSha256), ...(template ? [template] : [])].map(ref),
    }),
  );
  ctx.nodes.pushRefs(actionId, 'uco-action:result', [id]);
}
