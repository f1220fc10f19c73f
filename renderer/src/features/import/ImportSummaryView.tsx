import type { JobState } from '../../../../native/engine/contract';
import { Banner } from '../../components/Banner';
import { formatCount } from '../../components/format';
import './import.css';

/** Outcome of a finished import: counts, cancellation or failure, and every file that failed. */
export function ImportSummaryView({ job }: { readonly job: JobState }) {
  const summary = job.summary;
  const stats: [string, number, boolean][] = summary
    ? [
        ['Added', summary.added, false],
        ['Duplicates', summary.duplicates, false],
        ['Already present', summary.alreadyPresent, false],
        ['Failed', summary.failed.length, summary.failed.length > 0],
        ['Items in case', summary.items, false],
      ]
    : [];
  return (
    <div className="summary" data-testid="import-summary" data-status={job.status}>
      {job.status === 'done' && <Banner tone="ok" title="Import finished." />}
      {(job.status === 'cancelled' || summary?.cancelled) && (
        <Banner tone="warn" title="Import cancelled.">
          Files imported before the cancellation are kept and recorded.
        </Banner>
      )}
      {job.status === 'failed' && (
        <Banner tone="error" title="Import failed.">
          {job.error ?? 'The engine reported no reason.'}
        </Banner>
      )}
      {summary && (
        <div className="summary-stats">
          {stats.map(([label, value, bad]) => (
            <div key={label} className={bad ? 'summary-stat bad' : 'summary-stat'} data-testid={`summary-${label.toLowerCase().replace(/ /g, '-')}`} data-value={value}>
              <div className="value">{formatCount(value)}</div>
              <div className="label">{label}</div>
            </div>
          ))}
        </div>
      )}
      {summary && summary.failed.length > 0 && (
        <div className="summary-failed">
          <table className="data">
            <thead>
              <tr>
                <th>File</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {summary.failed.map((failure, index) => (
                <tr key={`${index}:${failure.path}`} data-testid="import-failed-entry">
                  <td className="mono selectable">{failure.path}</td>
                  <td>{failure.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
