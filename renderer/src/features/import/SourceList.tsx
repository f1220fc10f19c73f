import { formatCount } from '../../components/format';
import './import.css';

export interface SourceListProps {
  readonly paths: readonly string[];
  readonly onRemove: (path: string) => void;
  readonly onClear: () => void;
}

/** The files, folders and archives chosen for an import. */
export function SourceList({ paths, onRemove, onClear }: SourceListProps) {
  return (
    <div className="sources" data-testid="import-sources">
      <div className="sources-header">
        <h3>Sources ({formatCount(paths.length)})</h3>
        <button type="button" className="ghost" disabled={paths.length === 0} onClick={onClear}>
          Clear
        </button>
      </div>
      {paths.length === 0 ? (
        <div className="sources-empty">Nothing chosen yet. Folders are imported recursively; zip archives are unpacked.</div>
      ) : (
        <ul>
          {paths.map((path) => (
            <li key={path} data-testid="import-source" data-path={path}>
              <span className="mono" title={path}>
                {path}
              </span>
              <button type="button" className="ghost" onClick={() => onRemove(path)} aria-label={`Remove ${path}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
