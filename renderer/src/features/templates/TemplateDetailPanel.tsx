import type { TemplateDetailView } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { useAsyncData } from '../../components/useAsyncData';
import { ReferenceSide } from './ReferenceSide';
import { TrustWarning, trustLabel } from './TrustWarning';

export interface TemplateDetailPanelProps {
  readonly id: string;
  readonly version: string;
  /** Bumped when the library changed (import, trust), to reload the trust shown. */
  readonly libraryVersion: number;
  readonly onNewVersion: (detail: TemplateDetailView) => void;
  readonly onTrust: (fingerprint: string, trusted: boolean) => void;
  /** Export this template as a pack (not offered for a template that failed verification). */
  readonly onExport: (detail: TemplateDetailView) => void;
}

/** One template: identity, trust with its warning, each side's reference image with its zones, the zone table. */
export function TemplateDetailPanel({ id, version, libraryVersion, onNewVersion, onTrust, onExport }: TemplateDetailPanelProps) {
  const { client } = useEngine();
  const detail = useAsyncData(() => client.call('templates.get', { id, version }), [client, id, version, libraryVersion]);
  const t = detail.data && detail.data.id === id && detail.data.version === version ? detail.data : undefined;
  if (detail.error && !t) {
    return (
      <Banner tone="error" title={`Could not load ${id}@${version}.`}>
        {detail.error}
      </Banner>
    );
  }
  if (!t) return <div className="muted">Loading…</div>;
  const mrz = t.definition['mrz'] as { format?: string; documentCodes?: string[] } | undefined;
  return (
    <div className="tpl-detail" data-testid="template-detail" data-template-id={t.id} data-version={t.version}>
      <div className="tpl-detail-head">
        <h2>{t.title}</h2>
        <span className="mono">
          {t.id}@{t.version}
        </span>
        <span className="spacer" />
        {t.trust.status !== 'invalid' && (
          <button type="button" onClick={() => onExport(t)} data-testid="template-export-pack">
            Export pack…
          </button>
        )}
        <button type="button" onClick={() => onNewVersion(t)} data-testid="template-new-version">
          Edit as new version
        </button>
      </div>
      <TrustWarning trust={t.trust} />
      <dl className="kv tpl-facts">
        <dt>Issuing state</dt>
        <dd className="mono">{t.issuingState}</dd>
        <dt>Category</dt>
        <dd>{t.category}</dd>
        <dt>MRZ</dt>
        <dd className="mono">{mrz?.format ? `${mrz.format}${mrz.documentCodes?.length ? ` · codes ${mrz.documentCodes.join(', ')}` : ''}` : '—'}</dd>
        <dt>Trust</dt>
        <dd>
          {trustLabel(t.trust)}
          {t.trust.pack && <span className="muted"> · pack {t.trust.pack}</span>}
        </dd>
        {t.trust.signer && (
          <>
            <dt>Signer</dt>
            <dd>
              <span className="mono">{t.trust.signer}</span>{' '}
              <button type="button" className="link" onClick={() => onTrust(t.trust.signer!, !t.trust.trustedSigner)} data-testid="detail-signer-toggle">
                {t.trust.trustedSigner ? 'stop trusting' : 'trust this signer…'}
              </button>
            </dd>
          </>
        )}
        <dt>template.json</dt>
        <dd className="mono" title="SHA-256: recorded with every result that used the template">
          {t.sha256}
        </dd>
      </dl>
      <div className="tpl-sides">
        {t.sidesDetail.map((side) => (
          <ReferenceSide key={side.name} side={side} />
        ))}
      </div>
      <table className="doc-table tpl-zone-table">
        <thead>
          <tr>
            <th>Side</th>
            <th>Zone</th>
            <th>Kind</th>
            <th>Field / feature / text</th>
            <th>Pattern</th>
            <th>Box [x, y, w, h]</th>
          </tr>
        </thead>
        <tbody>
          {t.sidesDetail.flatMap((side) =>
            side.zones.map((zone) => (
              <tr key={`${side.name}-${zone.id}`}>
                <td>{side.name}</td>
                <td className="mono">{zone.id}</td>
                <td>{zone.kind}</td>
                <td>{zone.field ?? zone.feature ?? zone.text ?? ''}</td>
                <td className="mono">{zone.pattern ?? ''}</td>
                <td className="mono">[{zone.box.join(', ')}]</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
