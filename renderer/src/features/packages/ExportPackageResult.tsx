import type { ExportView } from '../../../../native/engine/contract';
import { Banner } from '../../components/Banner';
import { formatBytes, formatCount } from '../../components/format';

export interface ExportPackageResultProps {
  readonly exported: ExportView;
  /** This export made the unit key. */
  readonly keyMade: boolean;
}

/** What the export made: where, how many items, documents and files, and the fingerprint that signed it. */
export function ExportPackageResult({ exported, keyMade }: ExportPackageResultProps) {
  return (
    <div className="pkg-result" data-testid="pkg-export-result" data-path={exported.path}>
      <Banner tone="ok" title="Package exported and signed.">
        Give the receiving unit the signer fingerprint below by another channel (telephone, SIENA): they compare it when they verify the package.
      </Banner>
      <dl className="kv pkg-facts">
        <dt>{exported.container === 'zip' ? 'Zip file' : 'Folder'}</dt>
        <dd className="mono" data-testid="pkg-result-path">
          {exported.path}
        </dd>
        <dt>Contents</dt>
        <dd>
          {formatCount(exported.items)} items, {formatCount(exported.documents)} documents
        </dd>
        <dt>Payload</dt>
        <dd data-testid="pkg-result-files" data-files={exported.payloadFiles} data-bytes={exported.payloadBytes}>
          {formatCount(exported.payloadFiles)} files, {formatBytes(exported.payloadBytes)}
        </dd>
        <dt>Signer</dt>
        <dd className="mono pkg-fingerprint" data-testid="pkg-result-fingerprint" data-fingerprint={exported.fingerprint}>
          {exported.fingerprint}
        </dd>
        <dt>Tag manifest</dt>
        <dd className="mono pkg-hash" title={exported.tagManifestSha256}>
          SHA-256 {exported.tagManifestSha256}
        </dd>
        <dt>Time</dt>
        <dd>{(exported.ms / 1000).toFixed(1)} s</dd>
        {keyMade && (
          <>
            <dt>Unit key</dt>
            <dd data-testid="pkg-result-key-made">Made by this export. Keep the passphrase: it cannot be recovered.</dd>
          </>
        )}
      </dl>
    </div>
  );
}
