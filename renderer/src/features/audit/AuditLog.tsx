import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, AuditPage, CaseId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { errorMessage, formatCount, formatMetadataValue, formatTimestamp } from '../../components/format';
import './audit.css';

const PAGE = 200;

export interface AuditLogProps {
  readonly caseId: CaseId;
  readonly dataVersion: number;
  readonly onBack: () => void;
}

function detailsText(details: AuditEntry['details']): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}=${formatMetadataValue(value, 160)}`)
    .join('  ');
}

/** The case's hash-chained audit log, newest first, with the result of verifying the chain. */
export function AuditLog({ caseId, dataVersion, onBack }: AuditLogProps) {
  const { client } = useEngine();
  const [page, setPage] = useState<AuditPage | null>(null);
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    (offset: number) => {
      setLoading(true);
      client.call('audit.list', { caseId, offset, limit: PAGE }).then(
        (result) => {
          setPage(result);
          setEntries((current) => (offset === 0 ? result.entries : [...current, ...result.entries]));
          setError(null);
          setLoading(false);
        },
        (failure: unknown) => {
          setError(errorMessage(failure));
          setLoading(false);
        },
      );
    },
    [caseId, client],
  );

  useEffect(() => load(0), [load, dataVersion]);

  return (
    <div className="audit" data-testid="audit-log">
      <div className="audit-toolbar">
        <button type="button" className="ghost" onClick={onBack}>
          Back to evidence
        </button>
        <h2>Audit log</h2>
        {page &&
          (page.chainValid ? (
            <span className="chain valid" data-testid="audit-chain" data-valid="true">
              Chain verified
            </span>
          ) : (
            <span className="chain broken" data-testid="audit-chain" data-valid="false" data-broken-at={page.brokenAt ?? ''}>
              Chain BROKEN{page.brokenAt !== null ? ` at seq ${page.brokenAt}` : ''}
            </span>
          ))}
        <span className="muted">{page ? `${formatCount(page.total)} entries, newest first` : ''}</span>
        <span className="spacer" />
        <button type="button" onClick={() => load(0)} disabled={loading}>
          Refresh
        </button>
      </div>
      {error && (
        <Banner tone="error" title="Could not read the audit log.">
          {error}
        </Banner>
      )}
      <div className="audit-table-wrap">
        <table className="data audit-table">
          <thead>
            <tr>
              <th>Seq</th>
              <th>Time</th>
              <th>Actor</th>
              <th>Action</th>
              <th>Details</th>
              <th>Hash</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq} className={page?.brokenAt === entry.seq ? 'broken' : undefined} data-testid="audit-entry" data-seq={entry.seq} data-action={entry.action}>
                <td className="seq">{entry.seq}</td>
                <td className="mono">{formatTimestamp(entry.at)}</td>
                <td>{entry.actor}</td>
                <td className="action">{entry.action}</td>
                <td className="details">{detailsText(entry.details)}</td>
                <td className="hash" title={`hash ${entry.hash}\nprev ${entry.prevHash}`}>
                  {entry.hash.slice(0, 12)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && entries.length < page.total && (
          <div className="audit-more">
            <button type="button" onClick={() => load(entries.length)} disabled={loading}>
              Load older entries ({formatCount(page.total - entries.length)} more)
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
