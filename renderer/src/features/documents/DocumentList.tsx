import type { CaseId, DocumentId, DocumentSummary } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { LevelBadge } from '../templates/LevelBadge';
import { holderName, mrzChip } from './document-format';

export interface DocumentListProps {
  readonly caseId: CaseId;
  readonly documents: readonly DocumentSummary[];
  readonly selectedId: DocumentId | null;
  readonly onSelect: (id: DocumentId) => void;
}

/** Every document found in the case: rectified thumbnail, holder, number, MRZ state, template assessment level, findings. */
export function DocumentList({ caseId, documents, selectedId, onSelect }: DocumentListProps) {
  const { assetUrl } = useEngine();
  return (
    <ul className="document-list" aria-label="Documents" data-testid="document-list">
      {documents.map((doc) => {
        const chip = mrzChip(doc);
        return (
          <li key={doc.id}>
            <button
              type="button"
              className="document-row"
              aria-current={doc.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(doc.id)}
              data-testid="document-row"
              data-document-id={doc.id}
              data-mrz-valid={doc.mrzValid === null ? 'none' : String(doc.mrzValid)}
              data-assessment-level={doc.assessmentLevel ?? 'none'}
            >
              <img src={assetUrl(caseId, doc.itemId, `document-${doc.id}`)} alt="" loading="lazy" />
              <span className="document-row-text">
                <span className="document-row-name">{holderName(doc)}</span>
                <span className="mono">{doc.documentNumber ?? '—'}</span>
                <span className="document-row-meta">
                  <span className={`chip ${chip.tone}`}>{chip.label}</span>
                  <LevelBadge level={doc.assessmentLevel} score={doc.assessmentScore} testId="document-row-level" />
                  {doc.findingCount > 0 && <span className={`chip sev-${doc.worstSeverity ?? 'info'}`}>{doc.findingCount} findings</span>}
                </span>
                <span className="muted document-row-item">
                  {doc.exhibitLabel} · {doc.itemName} · {doc.side}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
