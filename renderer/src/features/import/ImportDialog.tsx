import { useState } from 'react';
import type { Exhibit } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../../components/format';
import { FsBrowser } from './FsBrowser';
import { ImportProgress } from './ImportProgress';
import { ImportSummaryView } from './ImportSummaryView';
import { SourceList } from './SourceList';
import type { ImportJob } from './useImportJob';
import './import.css';

export interface ImportDialogProps {
  /** The exhibit selected in the sidebar (a running job keeps its own). */
  readonly target: Exhibit | undefined;
  readonly job: ImportJob;
  /** Hide the dialog; a running import continues in the background. */
  readonly onClose: () => void;
}

/**
 * Choose files, folders and zip archives (native dialogs in Electron, the engine's file browser
 * in browser mode), start `evidence.import`, follow its progress and show the summary.
 */
export function ImportDialog({ target, job, onClose }: ImportDialogProps) {
  const { shell } = useEngine();
  const [paths, setPaths] = useState<string[]>([]);
  const [referenceInPlace, setReferenceInPlace] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const exhibit = job.exhibit ?? target;
  const configuring = job.status === 'idle';
  const running = job.status === 'starting' || job.status === 'running';

  const add = (more: readonly string[]) => setPaths((current) => [...new Set([...current, ...more])]);
  const pick = (directory: boolean) => {
    if (!shell) return;
    setPickError(null);
    shell.pickPaths({ directory, multiple: true }).then(add, (failure: unknown) => setPickError(errorMessage(failure)));
  };
  const close = () => {
    if (!configuring && !running) job.reset();
    onClose();
  };
  const startNew = () => {
    job.reset();
    setPaths([]);
  };

  const footer = configuring ? (
    <>
      <button type="button" onClick={close}>
        Cancel
      </button>
      <button
        type="button"
        className="primary"
        disabled={!exhibit || paths.length === 0}
        onClick={() => exhibit && job.start(exhibit, paths, referenceInPlace)}
        data-testid="import-start"
      >
        Start import
      </button>
    </>
  ) : running ? (
    <>
      <button type="button" onClick={onClose} title="The import continues; progress stays in the sidebar">
        Run in background
      </button>
      <button type="button" className="danger" disabled={job.status !== 'running'} onClick={job.cancel} data-testid="import-cancel">
        Cancel import
      </button>
    </>
  ) : (
    <>
      <button type="button" onClick={startNew}>
        New import
      </button>
      <button type="button" className="primary" onClick={close} data-testid="import-close">
        Close
      </button>
    </>
  );

  return (
    <Dialog title="Import evidence" onClose={close} width={760} footer={footer} testId="import-dialog">
      <div className="import-layout">
        <div className="import-target">
          Into exhibit <strong>{exhibit?.label ?? 'none selected'}</strong>
          {exhibit?.sealNumber ? ` (seal ${exhibit.sealNumber})` : ''}
        </div>
        {configuring && (
          <>
            {shell ? (
              <div className="pick-buttons">
                <button type="button" onClick={() => pick(false)} data-testid="pick-files">
                  Add files or zip archives…
                </button>
                <button type="button" onClick={() => pick(true)} data-testid="pick-folders">
                  Add folders…
                </button>
              </div>
            ) : (
              <FsBrowser onAdd={add} />
            )}
            <SourceList paths={paths} onRemove={(path) => setPaths((current) => current.filter((p) => p !== path))} onClear={() => setPaths([])} />
            <label className="check-row">
              <input type="checkbox" checked={referenceInPlace} onChange={(event) => setReferenceInPlace(event.target.checked)} data-testid="import-reference-in-place" />
              <span>
                Reference in place (do not copy originals)
                <span className="muted">
                  The case records where the originals are instead of copying them. The originals must stay reachable and unchanged.
                </span>
              </span>
            </label>
          </>
        )}
        {!configuring && <ImportProgress status={job.status} job={job.job} />}
        {job.job && !running && <ImportSummaryView job={job.job} />}
        {(job.error || pickError) && (
          <Banner tone="error" title={pickError ? 'Could not open the file dialog.' : 'The import could not be started or cancelled.'}>
            {pickError ?? job.error}
          </Banner>
        )}
      </div>
    </Dialog>
  );
}
