import { useState } from 'react';
import type { CaseId, WatchlistView } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { errorMessage, formatCount, formatTimestamp } from '../../components/format';
import { PickPathButton } from '../templates/PickPathButton';
import { shortSha } from './link-format';
import './links.css';

export interface WatchlistsPanelProps {
  readonly caseId: CaseId;
  readonly watchlists: readonly WatchlistView[] | undefined;
  /** A list was imported: the lists and the pass status change. */
  readonly onImported: (list: WatchlistView) => void;
}

/** Files offered by the picker: CSV (a list saved as .txt is accepted too; the engine validates the content). */
const WATCHLIST_FILES = /\.(csv|txt)$/i;

/**
 * Watchlists kept in the case (`watchlists.list`) with their provenance and hits, and importing one from a CSV file
 * (`watchlists.import`); a refused list shows the engine's errors as written.
 */
export function WatchlistsPanel({ caseId, watchlists, onImported }: WatchlistsPanelProps) {
  const { client } = useEngine();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const [imported, setImported] = useState<WatchlistView | null>(null);
  const importList = (path: string) => {
    setBusy(true);
    setError(null);
    setImported(null);
    client.call('watchlists.import', { caseId, path }).then(
      (list) => {
        setBusy(false);
        setImported(list);
        onImported(list);
      },
      (failure: unknown) => {
        setBusy(false);
        setError({ title: `The watchlist ${path} was not imported.`, message: errorMessage(failure) });
      },
    );
  };
  return (
    <section className="lk-panel" aria-label="Watchlists" data-testid="watchlists">
      <div className="lk-panel-head">
        <h3>Watchlists</h3>
        <span className="spacer" />
        <PickPathButton
          label={busy ? 'Importing…' : 'Import watchlist…'}
          title="Choose a CSV watchlist (list_name, list_version, type, document_number, surname, given_names, birth_date, …)"
          mode="file"
          accept={WATCHLIST_FILES}
          onPick={importList}
          disabled={busy}
          testId="watchlist-import"
          onError={(message) => setError({ title: 'Could not open the file dialog.', message })}
        />
      </div>
      {error && (
        <Banner tone="error" title={error.title} testId="watchlist-error">
          <span className="lk-verbatim">{error.message}</span>
        </Banner>
      )}
      {imported && (
        <Banner tone="ok" title={`Imported ${imported.name} ${imported.version}.`} testId="watchlist-imported">
          {formatCount(imported.entryCount)} entries. Hits are flagged by the next linking pass (Link now).
        </Banner>
      )}
      {watchlists === undefined ? (
        <div className="muted">Loading…</div>
      ) : watchlists.length === 0 ? (
        <div className="muted">No watchlist imported.</div>
      ) : (
        <table className="data lk-watchlists">
          <thead>
            <tr>
              <th>List, version</th>
              <th>SHA-256</th>
              <th className="num">Entries</th>
              <th className="num">Hits</th>
            </tr>
          </thead>
          <tbody>
            {watchlists.map((w) => (
              <tr key={w.id} data-testid="watchlist-row" data-name={w.name} data-hits={w.hits} title={`${w.sourceName}, imported ${formatTimestamp(w.importedAt)} by ${w.importedBy}`}>
                <td className="lk-list-name">
                  {w.name}
                  <div className="mono muted">{w.version}</div>
                </td>
                <td className="mono" title={w.sha256}>
                  {shortSha(w.sha256)}
                </td>
                <td className="num">{formatCount(w.entryCount)}</td>
                <td className={w.hits > 0 ? 'num lk-hits' : 'num'}>{formatCount(w.hits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
