/**
 * The contract view of a template check, built from the details JSON the check keeps (outcome.ts
 * `checkDetails`), for a stored check (with finding ids) and for an authoring trial alike.
 */
import type { AssessmentView, RecognitionCandidateView, TemplateCheckView, TemplateSummaryView, ZoneResultView } from '../../contract';
import type { Assessment } from './assessment';
import type { TemplateIndicator } from './indicators';
import type { ZoneResult } from './zone-results';

/** The part of `checkDetails` the view reads. */
interface Details {
  readonly recognition?: 'print' | 'mrz-claim' | 'none';
  readonly candidates?: readonly RecognitionCandidateView[];
  readonly template?: { readonly id: string; readonly version: string; readonly sha256: string; readonly title: string; readonly side: string } | null;
  readonly referenceSize?: { readonly width: number; readonly height: number } | null;
  readonly indicators?: readonly TemplateIndicator[];
  readonly zones?: readonly ZoneResult[];
  readonly assessment?: Assessment | null;
}

/**
 * @param details the stored details JSON of the check.
 * @param template the template's summary as the library knows it now (null: no template matched).
 * @param findingOf the stored finding id of an indicator (by its index), when the check was stored.
 */
export function checkView(details: Readonly<Record<string, unknown>>, template: TemplateSummaryView | null, findingOf: (indicator: number) => number | null = () => null): TemplateCheckView {
  const d = details as Details;
  const indicators = d.indicators ?? [];
  const zones: ZoneResultView[] = (d.zones ?? []).map((z) => ({
    id: z.id,
    kind: z.kind,
    field: z.field,
    box: z.box,
    state: z.state,
    checks: z.indicators.flatMap((index) => {
      const ind = indicators[index];
      return ind ? [{ check: ind.code, deviation: ind.deviation, summary: ind.summary, measured: ind.measured, expected: ind.expected, findingId: findingOf(index) }] : [];
    }),
  }));
  const assessment: AssessmentView | null = d.assessment
    ? { score: d.assessment.score, level: d.assessment.level, reasons: d.assessment.reasons.map((r) => ({ code: r.code, zone: r.zone, message: r.message, weight: r.weight, findingId: findingOf(r.indicator) })) }
    : null;
  const compared = !!d.template && !!template;
  const matched = compared && d.recognition !== 'mrz-claim';
  const best = (d.candidates ?? []).reduce((b, c) => Math.max(b, c.score), 0);
  return {
    template: compared && template && d.template ? { ...template, side: d.template.side } : null,
    matched,
    recognition: compared ? (matched ? 'print' : 'mrz-claim') : 'none',
    score: matched ? ((d.candidates ?? []).find((c) => c.matched)?.score ?? best) : best,
    candidates: d.candidates ?? [],
    referenceSize: d.referenceSize ?? null,
    zones,
    assessment,
  };
}

/** A summary for a template a stored check cites but the library no longer holds (deleted, or another workstation's). */
export function missingTemplateSummary(t: NonNullable<Details['template']>, trustAtRun: string | null): TemplateSummaryView {
  return {
    id: t.id,
    version: t.version,
    title: t.title,
    issuingState: '',
    category: '',
    source: 'user',
    trust: {
      status: trustAtRun === 'bundled' || trustAtRun === 'signed' || trustAtRun === 'unsigned' || trustAtRun === 'invalid' ? trustAtRun : 'folder',
      signer: null,
      trustedSigner: false,
      pack: null,
      problems: [],
      warning: `Template ${t.id}@${t.version} (template.json SHA-256 ${t.sha256.slice(0, 12)}…) is not in this workstation's library any more; the comparison shows what was measured against it.`,
    },
    sha256: t.sha256,
    sides: [],
  };
}
