import type { PackImportView } from '../../../../native/engine/contract';
import { Banner } from '../../components/Banner';

export interface PackImportResultProps {
  readonly result: PackImportView;
  readonly onTrust: (fingerprint: string) => void;
  readonly onDismiss: () => void;
}

const STATUS_TEXT: Readonly<Record<PackImportView['status'], string>> = {
  bundled: 'bundled',
  folder: 'folder',
  signed: 'signed, intact',
  unsigned: 'unsigned',
  invalid: 'INVALID',
};

/** What importing a pack gave: verification status, signer, the templates it holds, problems, where it went. */
export function PackImportResult({ result, onTrust, onDismiss }: PackImportResultProps) {
  const tone = result.status === 'invalid' ? 'error' : result.warning ? 'warn' : 'ok';
  return (
    <div className="tpl-import-result" data-testid="pack-import-result" data-status={result.status}>
      <Banner tone={tone} title={`Pack imported: ${STATUS_TEXT[result.status]}.`}>
        {result.warning ?? 'Its templates load without a warning.'}
      </Banner>
      <dl className="kv">
        <dt>Templates</dt>
        <dd className="mono">{result.templates.join(', ') || '—'}</dd>
        <dt>Signer</dt>
        <dd className="mono">
          {result.signer ?? '—'} {result.signer && (result.trustedSigner ? '(trusted)' : '(not trusted here)')}
        </dd>
        <dt>Copied to</dt>
        <dd className="mono">{result.dir}</dd>
        {result.problems.length > 0 && (
          <>
            <dt>Problems</dt>
            <dd>
              <ul className="tpl-problems" data-testid="pack-import-problems">
                {result.problems.map((p) => (
                  <li key={p} className="mono">
                    {p}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <div className="tpl-actions">
        {result.signer && !result.trustedSigner && (
          <button type="button" onClick={() => onTrust(result.signer!)} data-testid="pack-trust-signer">
            Trust this signer…
          </button>
        )}
        <button type="button" className="ghost" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
