import { Banner } from '../../components/Banner';
import { formatCount } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import type { AnalysisJob } from './useAnalysisJob';
import './documents.css';

/** Start / cancel the case analysis (documents, MRZ, OCR, image forensics) and show its progress and outcome. */
export function AnalysisBar({ analysis }: { readonly analysis: AnalysisJob }) {
  const { job, running, error } = analysis;
  const summary = job?.analysis ?? null;
  return (
    <div className="analysis-bar" data-testid="analysis-progress" data-status={job?.status ?? 'idle'}>
      {running ? (
        <>
          <span className="analysis-label">
            Analysing {formatCount(job?.done ?? 0)} / {job?.total === null || job?.total === undefined ? '…' : formatCount(job.total)}
          </span>
          <div className="analysis-track">
            <ProgressBar done={job?.done ?? 0} total={job?.total ?? null} label="Analysis progress" />
          </div>
          <button type="button" onClick={analysis.cancel} data-testid="analysis-cancel">
            Cancel
          </button>
        </>
      ) : (
        <>
          <button type="button" className="primary" onClick={analysis.start} data-testid="analyse-button" title="Find documents, read MRZ and printed fields, and run image forensics (manipulation indicators) on every item">
            Analyse case
          </button>
          {summary && (
            <span className="muted" data-testid="analysis-summary">
              {job?.status === 'cancelled' ? 'Cancelled: ' : 'Last run: '}
              {formatCount(summary.contents)} contents, {formatCount(summary.runs)} analyser runs ({formatCount(summary.reused)} reused),{' '}
              {formatCount(summary.documents)} documents found, {formatCount(summary.failed.length)} failed
            </span>
          )}
        </>
      )}
      {job?.status === 'failed' && job.error && (
        <Banner tone="error" title="The analysis stopped.">
          {job.error}
        </Banner>
      )}
      {error && (
        <Banner tone="error" title="Could not start the analysis.">
          {error}
        </Banner>
      )}
    </div>
  );
}
