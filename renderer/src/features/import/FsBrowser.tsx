import { useCallback, useEffect, useState } from 'react';
import type { FsListing } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { errorMessage, formatBytes, formatCount } from '../../components/format';
import './import.css';

/** Entries rendered at most; larger folders are better added whole. */
const MAX_ENTRIES = 2000;

export interface FsBrowserProps {
  /** Called with the ticked files and folders when "Add selected" is pressed. */
  readonly onAdd: (paths: string[]) => void;
}

function kindLabel(entry: FsListing['entries'][number]): string {
  if (entry.kind === 'dir') return 'DIR';
  return /\.zip$/i.test(entry.name) ? 'ZIP' : 'FILE';
}

/**
 * Browser mode's file and folder picker, listing the engine machine's file system through
 * `fs.list`: navigate folders, tick files or folders, then add them to the import.
 */
export function FsBrowser({ onAdd }: FsBrowserProps) {
  const { client } = useEngine();
  const [listing, setListing] = useState<FsListing | null>(null);
  const [pathInput, setPathInput] = useState('');
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const open = useCallback(
    (path?: string) => {
      setLoading(true);
      client.call('fs.list', path ? { path } : {}).then(
        (next) => {
          setListing(next);
          setPathInput(next.path);
          setChecked(new Set());
          setError(null);
          setLoading(false);
        },
        (failure: unknown) => {
          setError(errorMessage(failure));
          setLoading(false);
        },
      );
    },
    [client],
  );

  useEffect(() => open(), [open]);

  const toggle = (path: string) =>
    setChecked((current) => {
      const next = new Set(current);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const entries = listing?.entries ?? [];
  const shown = entries.slice(0, MAX_ENTRIES);
  const allChecked = shown.length > 0 && shown.every((entry) => checked.has(entry.path));

  return (
    <div className="fs-browser">
      <form
        className="fs-bar"
        onSubmit={(event) => {
          event.preventDefault();
          if (pathInput.trim()) open(pathInput.trim());
        }}
      >
        <button type="button" disabled={!listing?.parent || loading} onClick={() => listing?.parent && open(listing.parent)} title="Parent folder">
          Up
        </button>
        <input value={pathInput} onChange={(event) => setPathInput(event.target.value)} aria-label="Folder path" spellCheck={false} data-testid="fs-path-input" />
        <button type="submit" disabled={loading} data-testid="fs-go">
          Go
        </button>
      </form>
      <div className="fs-list" role="list" aria-busy={loading}>
        {error && <div className="fs-message">{error}</div>}
        {!error && listing && entries.length === 0 && <div className="fs-message">This folder is empty.</div>}
        {shown.map((entry) => (
          <div
            key={entry.path}
            role="listitem"
            className={`fs-entry ${entry.kind}${checked.has(entry.path) ? ' checked' : ''}`}
            data-testid="fs-entry"
            data-path={entry.path}
            data-kind={entry.kind}
            onDoubleClick={() => entry.kind === 'dir' && open(entry.path)}
          >
            <input type="checkbox" checked={checked.has(entry.path)} onChange={() => toggle(entry.path)} aria-label={`Select ${entry.name}`} data-testid="fs-entry-check" />
            <span className="fs-kind">{kindLabel(entry)}</span>
            <span className="fs-name" title={entry.path} onClick={() => (entry.kind === 'dir' ? open(entry.path) : toggle(entry.path))}>
              {entry.name}
            </span>
            <span className="fs-size">{entry.kind === 'file' ? formatBytes(entry.size) : ''}</span>
          </div>
        ))}
        {entries.length > MAX_ENTRIES && (
          <div className="fs-message">
            {formatCount(entries.length - MAX_ENTRIES)} more entries not shown. Add the whole folder instead.
          </div>
        )}
      </div>
      <div className="fs-footer">
        <label className="check-row">
          <input
            type="checkbox"
            checked={allChecked}
            disabled={shown.length === 0}
            onChange={() => setChecked(allChecked ? new Set() : new Set(shown.map((entry) => entry.path)))}
          />
          Select all
        </label>
        <span className="spacer" />
        <span className="muted">{checked.size > 0 ? `${formatCount(checked.size)} selected` : 'Tick files, zip archives or folders'}</span>
        <button
          type="button"
          disabled={checked.size === 0}
          onClick={() => {
            onAdd([...checked]);
            setChecked(new Set());
          }}
          data-testid="fs-add-selected"
        >
          Add selected
        </button>
      </div>
    </div>
  );
}
