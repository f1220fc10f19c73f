import type { DocumentId, TextLineView } from '../../../../native/engine/contract';
import type { AsyncData } from '../../components/useAsyncData';
import { PanelSection } from './PanelSection';

export interface ItemTextProps {
  readonly lines: AsyncData<readonly TextLineView[]>;
  readonly onOpenDocument: (documentId: DocumentId) => void;
}

const SOURCE = { mrz: 'MRZ', viz: 'Printed', ocr: 'OCR' } as const;

/** Documents found in the item and every line of text read from it, with its source and confidence. */
export function ItemText({ lines, onOpenDocument }: ItemTextProps) {
  const documentIds = [...new Set((lines.data ?? []).map((l) => l.documentId).filter((id): id is DocumentId => id !== null))];
  return (
    <>
      {documentIds.length > 0 && (
        <PanelSection title="Documents" note="Found by the analysis" testId="item-documents">
          <ul className="item-documents">
            {documentIds.map((id, i) => (
              <li key={id}>
                <button type="button" className="link" onClick={() => onOpenDocument(id)} data-testid="item-document-link">
                  Document {i + 1} (#{id})
                </button>
              </li>
            ))}
          </ul>
        </PanelSection>
      )}
      <PanelSection title="Text" note="MRZ, printed fields and OCR" testId="item-text">
        {!lines.data?.length ? (
          <div className="muted">{lines.loading ? 'Loading…' : 'No text read (not analysed yet, or none found).'}</div>
        ) : (
          <ul className="item-text-lines">
            {lines.data.map((line) => (
              <li key={line.id} data-testid="item-text-line" data-source={line.source}>
                <span className="muted">{SOURCE[line.source]}</span>
                <span className="mono">{line.text}</span>
                {line.confidence !== null && <span className="muted">{Math.round(line.confidence)} %</span>}
              </li>
            ))}
          </ul>
        )}
      </PanelSection>
    </>
  );
}
