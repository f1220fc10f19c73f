import { useState } from 'react';
import type { CaseId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { formatCount, formatTimestamp } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import { NewCaseDialog } from './NewCaseDialog';
import './cases.css';

export interface CaseListScreenProps {
  readonly onOpen: (caseId: CaseId) => void;
}

/** The cases in the data folder (`cases.list`), newest first, with the "New case" form. */
export function CaseListScreen({ onOpen }: CaseListScreenProps) {
  const { client } = useEngine();
  const cases = useAsyncData(() => client.call('cases.list', {}), [client]);
  const [creating, setCreating] = useState(false);
  const [createdId, setCreatedId] = useState<CaseId | null>(null);
  const list = cases.data ?? [];

  return (
    <div className="cases-screen">
      <div className="screen-toolbar">
        <h1>Cases</h1>
        <span className="muted">{cases.data ? `${formatCount(list.length)} in data folder` : cases.loading ? 'Loading…' : ''}</span>
        <span className="spacer" />
        <button type="button" onClick={cases.reload}>
          Refresh
        </button>
        <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-case-button">
          New case
        </button>
      </div>
      {cases.error && (
        <Banner tone="error" title="Could not list cases.">
          {cases.error}
        </Banner>
      )}
      <div className="cases-table-wrap">
        <table className="data cases-table">
          <thead>
            <tr>
              <th>Title</th>
              <th>Reference</th>
              <th>Examiner</th>
              <th>Created</th>
              <th className="num">Exhibits</th>
              <th className="num">Items</th>
            </tr>
          </thead>
          <tbody>
            {list.map((summary) => (
              <tr
                key={summary.id}
                className={summary.id === createdId ? 'just-created' : undefined}
                tabIndex={0}
                onClick={() => onOpen(summary.id)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') onOpen(summary.id);
                }}
                title={summary.dir}
                data-testid="case-row"
                data-case-id={summary.id}
              >
                <td className="case-title">{summary.title}</td>
                <td className="mono">{summary.reference ?? ''}</td>
                <td>{summary.examiner ?? ''}</td>
                <td className="mono">{formatTimestamp(summary.createdAt)}</td>
                <td className="num">{formatCount(summary.exhibitCount)}</td>
                <td className="num">{formatCount(summary.itemCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {cases.data && list.length === 0 && <div className="empty-state">No cases yet. Create one to start registering exhibits.</div>}
      </div>
      {creating && (
        <NewCaseDialog
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setCreatedId(created.id);
            cases.reload();
          }}
        />
      )}
    </div>
  );
}
