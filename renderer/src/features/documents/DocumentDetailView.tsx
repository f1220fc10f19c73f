import { useState } from 'react';
import type { CaseId, DocumentId, ItemId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { formatTimestamp } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import { PanelSection } from '../item/PanelSection';
import { OccurrencesSection } from '../links/OccurrencesSection';
import { DocumentComparison } from '../templates/DocumentComparison';
import { LevelBadge } from '../templates/LevelBadge';
import { holderName, mrzChip, mrzDate } from './document-format';
import { CheckTable, CrossCheckTable, FindingsList, MrzFieldTable } from './DocumentTables';
import { MrzText } from './MrzText';
import { RectifiedImage } from './RectifiedImage';

export interface DocumentDetailViewProps {
  readonly caseId: CaseId;
  readonly documentId: DocumentId;
  readonly dataVersion: number;
  readonly onOpenItem: (itemId: ItemId) => void;
  /** Open a template in the library (from the comparison). */
  readonly onOpenTemplate?: (id: string, version: string) => void;
}

/**
 * One document: its comparison with the template it follows, image with marked characters and fields, MRZ,
 * checks, printed fields, findings, other occurrences, provenance.
 */
export function DocumentDetailView({ caseId, documentId, dataVersion, onOpenItem, onOpenTemplate }: DocumentDetailViewProps) {
  const { client, assetUrl } = useEngine();
  const detail = useAsyncData(() => client.call('documents.get', { caseId, documentId }), [client, caseId, documentId, dataVersion]);
  const [focus, setFocus] = useState<{ line: number; column: number } | null>(null);
  const doc = detail.data;

  if (detail.error && !doc) {
    return (
      <Banner tone="error" title="Could not load the document.">
        {detail.error}
      </Banner>
    );
  }
  if (!doc) return <div className="muted document-detail">Loading…</div>;
  const chip = mrzChip(doc);
  return (
    <div className="document-detail" data-testid="document-detail" data-document-id={doc.id}>
      <div className="document-detail-header">
        <h2 data-testid="document-holder">{holderName(doc)}</h2>
        <span className={`chip ${chip.tone}`} data-testid="document-mrz-state">
          {chip.label}
        </span>
        <LevelBadge level={doc.assessmentLevel} score={doc.assessmentScore} testId="document-assessment-level" />
        <span className="muted">
          {doc.sizeClass} · {doc.side} · found by {doc.method} ({Math.round(doc.confidence * 100)} %)
          {doc.templateId ? ` · template ${doc.templateId}` : ''}
        </span>
      </div>
      <PanelSection title="Template comparison" note="Zone by zone against the document model; indicators, not a verdict" testId="document-comparison">
        <DocumentComparison caseId={caseId} documentId={doc.id} dataVersion={dataVersion} onOpenTemplate={onOpenTemplate} />
      </PanelSection>
      <div className="document-detail-body">
        <div className="document-image-column">
          <RectifiedImage
            src={assetUrl(caseId, doc.itemId, `document-${doc.id}`)}
            width={doc.rectified.width}
            height={doc.rectified.height}
            chars={doc.mrz?.chars ?? []}
            viz={doc.viz}
            focus={focus}
          />
          {doc.mrz ? <MrzText mrz={doc.mrz} onFocus={setFocus} /> : <div className="muted">No MRZ was read on this side.</div>}
          <dl className="document-keys">
            <dt>Document number</dt>
            <dd className="mono">{doc.documentNumber ?? '—'}</dd>
            <dt>Issuing state</dt>
            <dd className="mono">{doc.issuingState ?? '—'}</dd>
            <dt>Nationality</dt>
            <dd className="mono">{doc.nationality ?? '—'}</dd>
            <dt>Date of birth</dt>
            <dd className="mono">{mrzDate(doc.birthDate)}</dd>
            <dt>Date of expiry</dt>
            <dd className="mono">{mrzDate(doc.expiryDate)}</dd>
          </dl>
        </div>
        <div className="document-facts-column">
          <PanelSection title="Findings" note="What was measured, by which analyser" testId="document-findings">
            <FindingsList findings={doc.findings.filter((f) => f.kind !== 'viz.crosscheck')} />
          </PanelSection>
          {doc.mrz && (
            <>
              <PanelSection title="MRZ fields" note={doc.mrz.format ?? undefined}>
                <MrzFieldTable mrz={doc.mrz} />
              </PanelSection>
              <PanelSection title="Check digits" note="ICAO 9303 7-3-1">
                <CheckTable mrz={doc.mrz} />
              </PanelSection>
              {doc.mrz.corrections.length > 0 && (
                <PanelSection title="Corrections" note="Characters changed to satisfy check digits or field rules">
                  <ul className="corrections" data-testid="mrz-corrections">
                    {doc.mrz.corrections.map((c) => (
                      <li key={`${c.line}-${c.column}`} className="mono">
                        line {c.line + 1} col {c.column + 1}: {c.from} → {c.to} ({c.field}, {c.reason})
                      </li>
                    ))}
                  </ul>
                </PanelSection>
              )}
            </>
          )}
          <PanelSection title="Printed fields against the MRZ">
            <CrossCheckTable rows={doc.crossChecks} />
          </PanelSection>
          <PanelSection title="Found in" note="Items with these bytes">
            <ul className="document-items">
              {doc.items.map((item) => (
                <li key={item.itemId}>
                  <button type="button" className="link" onClick={() => onOpenItem(item.itemId)} data-testid="document-item-link">
                    {item.exhibitLabel} · {item.name}
                  </button>
                </li>
              ))}
            </ul>
          </PanelSection>
          <OccurrencesSection caseId={caseId} entityRef={`document:${doc.id}`} dataVersion={dataVersion} onOpenItem={onOpenItem} />
          <PanelSection title="Provenance">
            <dl className="document-keys" data-testid="document-provenance">
              <dt>Analyser</dt>
              <dd className="mono">
                {doc.provenance.analyserId}@{doc.provenance.analyserVersion}
              </dd>
              <dt>Input SHA-256</dt>
              <dd className="mono wrap">{doc.provenance.inputSha256}</dd>
              <dt>Ran</dt>
              <dd>{formatTimestamp(doc.provenance.startedAt)}</dd>
              <dt>Parameters</dt>
              <dd className="mono wrap">{JSON.stringify(doc.provenance.parameters)}</dd>
              <dt>Resources</dt>
              <dd className="mono wrap">{JSON.stringify(doc.provenance.resources)}</dd>
            </dl>
          </PanelSection>
        </div>
      </div>
    </div>
  );
}
