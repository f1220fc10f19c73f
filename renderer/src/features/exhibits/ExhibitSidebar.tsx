import type { Exhibit, ExhibitId } from '../../../../native/engine/contract';
import { formatCount } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import type { ImportJob } from '../import/useImportJob';
import { ExhibitRecordView } from './ExhibitRecordView';
import './exhibits.css';

export interface ExhibitSidebarProps {
  readonly exhibits: readonly Exhibit[];
  readonly selected: Exhibit | undefined;
  readonly onSelect: (id: ExhibitId) => void;
  readonly onNew: () => void;
  readonly onImport: () => void;
  readonly job: ImportJob;
  readonly importOpen: boolean;
}

/** Exhibits of the case with their item counts, the selected exhibit's record and the Import action. */
export function ExhibitSidebar({ exhibits, selected, onSelect, onNew, onImport, job, importOpen }: ExhibitSidebarProps) {
  const running = job.status === 'starting' || job.status === 'running';
  return (
    <aside className="sidebar" aria-label="Exhibits">
      <div className="sidebar-header">
        <h3>Exhibits</h3>
        <button type="button" onClick={onNew} data-testid="new-exhibit-button">
          New exhibit
        </button>
      </div>
      <ul className="exhibit-list" role="listbox" aria-label="Exhibits">
        {exhibits.map((exhibit) => (
          <li
            key={exhibit.id}
            className="exhibit-row"
            role="option"
            aria-selected={exhibit.id === selected?.id}
            tabIndex={0}
            onClick={() => onSelect(exhibit.id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') onSelect(exhibit.id);
            }}
            data-testid="exhibit-row"
            data-exhibit-id={exhibit.id}
          >
            <span className="exhibit-row-line">
              <span className="exhibit-label">{exhibit.label}</span>
              <span className="exhibit-count" title="Items">
                {formatCount(exhibit.itemCount)}
              </span>
            </span>
            {exhibit.description && <span className="exhibit-desc">{exhibit.description}</span>}
          </li>
        ))}
      </ul>
      {exhibits.length === 0 && <div className="sidebar-empty">Register the first seized device or medium with "New exhibit".</div>}
      <div className="sidebar-footer">
        {selected && <ExhibitRecordView exhibit={selected} />}
        {running && !importOpen && job.job && (
          <div className="job-mini">
            <span className="job-mini-line">
              <span>
                Importing {formatCount(job.job.done)}
                {job.job.total !== null ? ` / ${formatCount(job.job.total)}` : ''}
              </span>
              <button type="button" className="ghost" onClick={onImport}>
                Show
              </button>
            </span>
            <ProgressBar done={job.job.done} total={job.job.total} label="Import progress" />
          </div>
        )}
        <button type="button" className="primary exhibit-import" disabled={!selected && !running} onClick={onImport} data-testid="import-button" title={selected ? `Import into ${selected.label}` : undefined}>
          {running ? 'Import running…' : selected ? `Import into ${selected.label}…` : 'Import…'}
        </button>
      </div>
    </aside>
  );
}
