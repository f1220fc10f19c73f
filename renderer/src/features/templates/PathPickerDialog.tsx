import { useCallback, useEffect, useState } from 'react';
import type { FsListing } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Dialog } from '../../components/Dialog';
import { errorMessage, formatBytes } from '../../components/format';
import '../import/import.css';
import './templates.css';

export type PickMode = 'file' | 'folder';

export interface PathPickerDialogProps {
  readonly title: string;
  readonly mode: PickMode;
  /** File mode: names offered (others are listed dimmed and cannot be chosen). */
  readonly accept?: RegExp;
  readonly onPick: (path: string) => void;
  readonly onClose: () => void;
}

/** Entries listed at most; a folder with more is better reached by typing its path. */
const MAX_ENTRIES = 2000;

/**
 * Browser mode's open dialog for one file or one folder, listing the engine machine's folders through
 * `fs.list`: open folders by clicking them, choose a file, or choose the folder being shown.
 */
export function PathPickerDialog({ title, mode, accept, onPick, onClose }: PathPickerDialogProps) {
  const { client } = useEngine();
  const [listing, setListing] = useState<FsListing | null>(null);
  const [pathInput, setPathInput] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const open = useCallback(
    (path?: string) => {
      setLoading(true);
      client.call('fs.list', path ? { path } : {}).then(
        (next) => {
          setListing(next);
          setPathInput(next.path);
          setChosen(null);
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

  const entries = (listing?.entries ?? []).slice(0, MAX_ENTRIES);
  const choosable = (name: string) => !accept || accept.test(name);
  const target = mode === 'folder' ? listing?.path ?? null : chosen;
  const footer = (
    <>
      <span className="picker-target mono" title={target ?? ''}>
        {target ?? (mode === 'file' ? 'Click a file to choose it' : '')}
      </span>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="primary" disabled={!target || loading} onClick={() => target && onPick(target)} data-testid="picker-choose">
        {mode === 'folder' ? 'Choose this folder' : 'Choose file'}
      </button>
    </>
  );

  return (
    <Dialog title={title} onClose={onClose} width={720} footer={footer} testId="path-picker">
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
          <input value={pathInput} onChange={(event) => setPathInput(event.target.value)} aria-label="Folder path" spellCheck={false} data-testid="picker-path-input" />
          <button type="submit" disabled={loading} data-testid="picker-go">
            Go
          </button>
        </form>
        <div className="fs-list picker-list" role="listbox" aria-label="Folder contents" aria-busy={loading}>
          {error && <div className="fs-message">{error}</div>}
          {!error && listing && entries.length === 0 && <div className="fs-message">This folder is empty.</div>}
          {entries.map((entry) => {
            const offered = entry.kind === 'dir' || (mode === 'file' && choosable(entry.name));
            return (
              <button
                key={entry.path}
                type="button"
                role="option"
                aria-selected={entry.path === chosen}
                disabled={!offered}
                className={`picker-entry ${entry.kind}${entry.path === chosen ? ' chosen' : ''}`}
                onClick={() => (entry.kind === 'dir' ? open(entry.path) : setChosen(entry.path))}
                onDoubleClick={() => entry.kind === 'file' && offered && onPick(entry.path)}
                data-testid="picker-entry"
                data-path={entry.path}
                data-kind={entry.kind}
              >
                <span className="fs-kind">{entry.kind === 'dir' ? 'DIR' : 'FILE'}</span>
                <span className="fs-name">{entry.name}</span>
                <span className="fs-size">{entry.kind === 'file' ? formatBytes(entry.size) : ''}</span>
              </button>
            );
          })}
        </div>
      </div>
    </Dialog>
  );
}
