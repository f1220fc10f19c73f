import { useCallback, useEffect, useState } from 'react';
import type { VerifyView } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Dialog } from '../../components/Dialog';
import { errorMessage, formatCount } from '../../components/format';
import { Banner } from '../../components/Banner';
import { PickPathButton } from '../templates/PickPathButton';
import { VerifyFilesTable } from './VerifyFilesTable';
import { badFileCount, badFileNames, statusCounts, verdictOf } from './verify-view';
import '../item/item.css';
import './packages-export.css';
import './packages-verify.css';

export interface VerifyPackageDialogProps {
  /** A package to verify at once (from the export result); else the examiner chooses one. */
  readonly initialPath?: string;
  readonly onClose: () => void;
}

/** Zip packages: the picker offers only these in file mode. */
const ZIP_FILES = /\.zip$/i;
/** Bad files named in the verdict banner; the table lists every one. */
const NAMED_IN_BANNER = 3;

/**
 * "Verify package…": choose a package folder or zip, run `export.verify`, and show the verdict (VERIFIED / FAILED),
 * the signature, Payload-Oxum, the custody-log chain, every problem, and every file with the bad ones first.
 */
export function VerifyPackageDialog({ initialPath, onClose }: VerifyPackageDialogProps) {
  const { client } = useEngine();
  const [target, setTarget] = useState<string | null>(initialPath ?? null);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<VerifyView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const verify = useCallback(
    (path: string) => {
      setTarget(path);
      setBusy(true);
      setView(null);
      setError(null);
      client.call('export.verify', { path }).then(
        (result) => {
          setView(result);
          setBusy(false);
        },
        (failure: unknown) => {
          setError(errorMessage(failure));
          setBusy(false);
        },
      );
    },
    [client],
  );
  useEffect(() => {
    if (initialPath) verify(initialPath);
  }, [initialPath, verify]);

  const footer = (
    <>
      {target && (
        <button type="button" onClick={() => verify(target)} disabled={busy} data-testid="pkg-verify-again">
          Verify again
        </button>
      )}
      <button type="button" className="primary" onClick={onClose} data-testid="pkg-verify-close">
        Close
      </button>
    </>
  );

  return (
    <Dialog title="Verify evidence package" onClose={onClose} width={1120} footer={footer} testId="pkg-verify-dialog">
      <div className="pkg-verify">
        <div className="pkg-outdir">
          <span className={`mono${target ? '' : ' muted'}`} data-testid="pkg-verify-path">
            {target ?? 'Choose a package: a zip file or a package folder'}
          </span>
          <PickPathButton label="Choose zip…" title="Choose the package zip" mode="file" accept={ZIP_FILES} onPick={verify} disabled={busy} onError={setError} testId="pkg-verify-pick-zip" />
          <PickPathButton label="Choose folder…" title="Choose the package folder" mode="folder" onPick={verify} disabled={busy} onError={setError} testId="pkg-verify-pick-folder" />
        </div>
        {busy && <div className="muted" data-testid="pkg-verify-busy">Reading every file and checking its hashes…</div>}
        {error && (
          <Banner tone="error" title="Could not verify." testId="pkg-verify-error">
            {error}
          </Banner>
        )}
        {view && <VerifyReport view={view} />}
      </div>
    </Dialog>
  );
}

/** The verdict and everything behind it. */
function VerifyReport({ view }: { readonly view: VerifyView }) {
  const verdict = verdictOf(view);
  const counts = statusCounts(view.files);
  const bad = badFileNames(view.files, NAMED_IN_BANNER);
  const signature = view.signature;
  return (
    <>
      <div className={`pkg-verdict pkg-verdict-${verdict.tone}`} data-testid="pkg-verdict" data-verdict={verdict.word} role={verdict.tone === 'error' ? 'alert' : 'status'}>
        <span className="pkg-verdict-word">{verdict.word}</span>
        <span className="pkg-verdict-text">
          {view.ok
            ? `Signature valid, ${formatCount(view.files.length)} manifest entries match their files, Payload-Oxum holds${view.custodyChain ? ', custody log chain intact' : ''}.`
            : view.refused
              ? `Not read: ${view.refused}`
              : `${formatCount(view.problems.length)} problem${view.problems.length === 1 ? '' : 's'}${bad.length ? `: ${bad.join(', ')}${badFileCount(view.files) > bad.length ? ', …' : ''}` : ''}.`}
        </span>
      </div>
      <div className="pkg-verify-blocks">
        <section className="pkg-section" data-testid="pkg-verify-signature" data-status={signature.status} data-fingerprint={signature.fingerprint ?? ''}>
          <h3>Signature</h3>
          <dl className="kv pkg-facts">
            <dt>Status</dt>
            <dd className={signature.status === 'valid' ? 'pkg-good' : 'pkg-bad'}>{signature.status}</dd>
            <dt>Fingerprint</dt>
            <dd className="mono pkg-fingerprint" data-testid="pkg-verify-fingerprint">
              {signature.fingerprint ?? '—'}
            </dd>
            <dt>Signer</dt>
            <dd>{signature.signer ?? '—'}</dd>
            <dt>Workstation</dt>
            <dd className="mono">{signature.workstation ?? '—'}</dd>
            <dt>Signed at</dt>
            <dd className="mono">{signature.signedAt ?? '—'}</dd>
            <dt>bag-info.txt</dt>
            <dd className={signature.matchesBagInfo === false ? 'pkg-bad' : undefined}>{signature.matchesBagInfo === null ? '—' : signature.matchesBagInfo ? 'names this key' : 'names another key'}</dd>
          </dl>
        </section>
        <section className="pkg-section">
          <h3>Contents</h3>
          <dl className="kv pkg-facts">
            <dt>Container</dt>
            <dd>{view.container ?? '—'}</dd>
            <dt>Payload-Oxum</dt>
            <dd className={view.payloadOxum.ok ? undefined : 'pkg-bad'} data-testid="pkg-verify-oxum" data-ok={view.payloadOxum.ok}>
              declared {view.payloadOxum.declared ?? 'none'}, actual {view.payloadOxum.actual} (octets.files){view.payloadOxum.ok ? '' : ' — differs'}
            </dd>
            <dt>Custody log</dt>
            <dd className={view.custodyChain && !view.custodyChain.valid ? 'pkg-bad' : undefined} data-testid="pkg-verify-custody">
              {view.custodyChain
                ? view.custodyChain.valid
                  ? `chain intact, ${formatCount(view.custodyChain.entries)} entries`
                  : `chain broken at entry ${view.custodyChain.brokenAt ?? '?'} of ${formatCount(view.custodyChain.entries)}`
                : 'none in the package'}
            </dd>
            <dt>Files</dt>
            <dd>
              {formatCount(counts.ok)} ok · {formatCount(counts.changed)} changed · {formatCount(counts.missing)} missing · {formatCount(counts.added)} not listed
            </dd>
          </dl>
        </section>
      </div>
      {view.problems.length > 0 && (
        <section className="pkg-section">
          <h3>Problems</h3>
          <ul className="pkg-verify-problems" data-testid="pkg-verify-problems">
            {view.problems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
        </section>
      )}
      {view.files.length > 0 && (
        <section className="pkg-section">
          <h3>Files</h3>
          <VerifyFilesTable files={view.files} />
        </section>
      )}
    </>
  );
}
