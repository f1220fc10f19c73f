import { useState } from 'react';
import { useEngine } from '../../bridge/client';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import '../item/item.css';
import './packages-export.css';

export interface WorkstationPanelProps {
  readonly onClose: () => void;
}

/** This workstation: engine version, host, data folder, and the unit key's fingerprint (read-only, copyable). */
export function WorkstationPanel({ onClose }: WorkstationPanelProps) {
  const { client } = useEngine();
  const info = useAsyncData(() => client.call('app.info', {}), [client]);
  const key = useAsyncData(() => client.call('keys.unit', {}), [client]);
  const [copied, setCopied] = useState<string | null>(null);
  const fingerprint = key.data?.fingerprint ?? null;
  const copy = () => {
    if (!fingerprint) return;
    navigator.clipboard.writeText(fingerprint).then(
      () => setCopied('Copied.'),
      (failure: unknown) => setCopied(`Not copied (${errorMessage(failure)}): select the text instead.`),
    );
  };
  return (
    <Dialog title="Workstation" onClose={onClose} width={620} testId="workstation-panel">
      <dl className="kv pkg-facts">
        <dt>Version</dt>
        <dd>CaseLens {info.data?.version ?? '…'}</dd>
        <dt>Host</dt>
        <dd>{info.data ? (info.data.host === 'electron' ? 'Desktop' : 'Browser mode') : '…'}</dd>
        <dt>Data folder</dt>
        <dd className="mono">{info.data?.dataDir ?? '…'}</dd>
        <dt>Unit key</dt>
        <dd data-testid="workstation-key" data-fingerprint={fingerprint ?? ''}>
          {key.error ? (
            key.error
          ) : !key.data ? (
            '…'
          ) : !key.data.exists ? (
            'none yet: the first signed export or pack makes it'
          ) : fingerprint ? (
            <span className="pkg-key-copy">
              <span className="mono pkg-fingerprint">{fingerprint}</span>
              <button type="button" onClick={copy} data-testid="workstation-copy-fingerprint">
                Copy
              </button>
            </span>
          ) : (
            'made before its fingerprint was kept: shown after it next signs'
          )}
        </dd>
        {key.data?.exists && (
          <>
            <dt>Key file</dt>
            <dd className="mono">{key.data.path}</dd>
            <dt>Passphrase</dt>
            <dd>{key.data.passphraseKept ? 'kept by this workstation (encrypted by the operating system)' : 'asked at every signing'}</dd>
          </>
        )}
      </dl>
      {copied && <div className="muted">{copied}</div>}
    </Dialog>
  );
}
