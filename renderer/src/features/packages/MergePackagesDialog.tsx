import { useState } from 'react';
import type { CaseId, MergeView, SharedAcrossView } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../../components/format';
import { PickPathButton } from '../templates/PickPathButton';
import './merge-packages.css';

export interface MergePackagesDialogProps {
  readonly caseId: CaseId;
  readonly onClose: () => void;
  /** The merge added items or exhibits: the workspace refreshes. */
  readonly onMerged: () => void;
}

const ZIP_FILES = /\.zip$/i;

/** The last path segment (POSIX or Windows separators): the package's name, the full path is its title. */
const baseName = (p: string) => p.split(/[/\\]/).filter(Boolean).pop() ?? p;

const SHARE_KIND: Record<SharedAcrossView['kind'], string> = {
  'same-file': 'Same file (SHA-256)',
  'same-image': 'Same image (near-duplicate)',
  'same-document-number': 'Same document number',
  'same-person': 'Same holder (name and birth date)',
};

/** The per-package outcome: accepted or refused with the reason, signer, key, items, findings. */
function PackageResults({ view }: { readonly view: MergeView }) {
  return (
    <table className="data merge-table" data-testid="merge-results">
      <thead>
        <tr>
          <th>Package</th>
          <th>Result</th>
          <th>Signed by / workstation</th>
          <th>Key fingerprint</th>
          <th>Items added</th>
          <th>Already present</th>
          <th>Findings</th>
        </tr>
      </thead>
      <tbody>
        {view.packages.map((p) => (
          <tr key={p.path} className={p.accepted ? 'merge-accepted' : 'merge-refused'}>
            <td className="mono merge-path" title={p.path}>
              {baseName(p.path)}
              {p.caseReference && <div className="merge-sub">case {p.caseReference}</div>}
            </td>
            <td>
              {p.accepted ? (p.alreadyMerged ? 'merged before: nothing new' : 'merged') : <strong>refused</strong>}
              {p.reason && <div className="merge-reason">{p.reason}</div>}
            </td>
            <td>
              {p.signer ?? '—'}
              <div className="merge-sub">{p.workstation ?? '—'}</div>
            </td>
            <td className="mono merge-fingerprint">{p.fingerprint ?? '—'}</td>
            <td>{p.itemsAdded}</td>
            <td>{p.itemsAlreadyPresent}</td>
            <td>{p.findings}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Everything two or more merged packages share, with where each occurs. */
function SharedTable({ shared }: { readonly shared: readonly SharedAcrossView[] }) {
  if (!shared.length) return <p className="merge-sub">The merged packages share no file, image, document number or holder.</p>;
  return (
    <table className="data merge-table" data-testid="merge-shared">
      <thead>
        <tr>
          <th>Shared</th>
          <th>Value</th>
          <th>Where (workstation, signer: what the package calls it)</th>
        </tr>
      </thead>
      <tbody>
        {shared.map((s) => (
          <tr key={`${s.kind}:${s.value}`}>
            <td>{SHARE_KIND[s.kind]}</td>
            <td className="mono merge-value">{s.value}</td>
            <td>
              {s.occurrences.map((o) => (
                <div key={o.package}>
                  <strong title={`${o.package}\nkey ${o.fingerprint}`}>{o.workstation ?? baseName(o.package)}</strong>, {o.signer ?? 'unknown signer'}: <span className="mono">{o.label}</span>
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Merge evidence packages from other workstations into this (coordination) case: pick package folders and zips,
 * verify and merge them (`export.merge`), then show each package's outcome and what the packages share.
 */
export function MergePackagesDialog({ caseId, onClose, onMerged }: MergePackagesDialogProps) {
  const { client } = useEngine();
  const [paths, setPaths] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<MergeView | null>(null);
  const add = (p: string) => setPaths((list) => (p && !list.includes(p) ? [...list, p] : list));
  const run = () => {
    setRunning(true);
    setError(null);
    client.call('export.merge', { caseId, paths }).then(
      (result) => {
        setView(result);
        setRunning(false);
        if (result.packages.some((p) => p.accepted && !p.alreadyMerged)) onMerged();
      },
      (failure: unknown) => {
        setError(errorMessage(failure));
        setRunning(false);
      },
    );
  };
  return (
    <Dialog
      title="Merge packages"
      onClose={running ? undefined : onClose}
      width={980}
      testId="merge-packages-dialog"
      footer={
        <>
          <button type="button" onClick={onClose} disabled={running}>
            Close
          </button>
          <button type="button" className="primary" onClick={run} disabled={running || !paths.length} data-testid="merge-run">
            {running ? 'Verifying and merging…' : `Verify and merge ${paths.length || ''}`.trim()}
          </button>
        </>
      }
    >
      <p className="merge-sub">Each package is verified first (signature, manifests, custody chain). A package that fails is refused whole; the others are merged, one exhibit per source device, with their findings kept under the signing workstation.</p>
      <div className="merge-pick">
        <PickPathButton label="Add package folder…" title="Evidence package folder" mode="folder" onPick={add} onError={setError} disabled={running} testId="merge-add-folder" />
        <PickPathButton label="Add package zip…" title="Evidence package zip" mode="file" accept={ZIP_FILES} onPick={add} onError={setError} disabled={running} testId="merge-add-zip" />
        <input
          type="text"
          className="mono"
          placeholder="or type an absolute path and press Enter"
          value={typed}
          disabled={running}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && typed.trim()) {
              add(typed.trim());
              setTyped('');
            }
          }}
          data-testid="merge-path-input"
        />
      </div>
      {paths.length > 0 && (
        <ul className="merge-list" data-testid="merge-paths">
          {paths.map((p) => (
            <li key={p}>
              <span className="mono">{p}</span>
              <button type="button" className="ghost" disabled={running} onClick={() => setPaths((list) => list.filter((x) => x !== p))} aria-label={`Remove ${p}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <Banner tone="error" title="The merge did not run.">
          {error}
        </Banner>
      )}
      {view && (
        <>
          <h3>Packages</h3>
          <PackageResults view={view} />
          <h3>Shared across packages (everything merged into this case so far)</h3>
          <SharedTable shared={view.shared} />
        </>
      )}
    </Dialog>
  );
}
