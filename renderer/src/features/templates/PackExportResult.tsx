import type { PackExportView } from '../../../../native/engine/contract';
import { Banner } from '../../components/Banner';
import { formatBytes, formatCount, formatTimestamp } from '../../components/format';

export interface PackExportResultProps {
  readonly result: PackExportView;
  /** The unit key's file, named when this export made the key. */
  readonly keyPath: string | null;
}

/** What exporting a pack wrote: where, which templates, how many files, and the fingerprint that signed it. */
export function PackExportResult({ result, keyPath }: PackExportResultProps) {
  return (
    <div className="tpl-export-result" data-testid="pack-export-result" data-signed={result.signer !== null}>
      {result.signer ? (
        <Banner tone="ok" title="Pack exported and signed.">
          Give the receiving unit the signer fingerprint below by another channel (telephone, SIENA): they compare it before trusting the pack.
        </Banner>
      ) : (
        <Banner tone="warn" title="Pack exported unsigned.">
          {result.warning ?? 'Other workstations load it only with a warning.'}
        </Banner>
      )}
      <dl className="kv tpl-export-facts">
        <dt>Folder</dt>
        <dd className="mono" data-testid="export-result-dir">
          {result.dir}
        </dd>
        <dt>Templates</dt>
        <dd className="mono">{result.templates.join(', ')}</dd>
        <dt>Files</dt>
        <dd data-testid="export-result-files" data-files={result.files}>
          {formatCount(result.files)} files, {formatBytes(result.bytes)} (each listed with its SHA-256 in pack.json)
        </dd>
        <dt>Signer</dt>
        <dd>
          {result.signer ? (
            <span className="mono tpl-fingerprint-big" data-testid="export-result-signer" data-fingerprint={result.signer}>
              {result.signer}
            </span>
          ) : (
            <span data-testid="export-result-signer" data-fingerprint="">
              none (unsigned)
            </span>
          )}
        </dd>
        <dt>Created</dt>
        <dd>{formatTimestamp(result.createdAt)}</dd>
        {result.keyCreated && (
          <>
            <dt>Unit key</dt>
            <dd data-testid="export-result-key-created">
              made by this export{keyPath ? <span className="mono"> · {keyPath}</span> : null}. Keep the passphrase: it cannot be recovered.
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
