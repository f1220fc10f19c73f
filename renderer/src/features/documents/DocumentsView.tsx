import { useState } from 'react';
import type { CaseId, DocumentFilter, DocumentId, ItemId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { formatCount } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import { AnalysisBar } from './AnalysisBar';
import { DocumentDetailView } from './DocumentDetailView';
import { DocumentList } from './DocumentList';
import type { AnalysisJob } from './useAnalysisJob';
import './documents.css';

export interface DocumentsViewProps {
  readonly caseId: CaseId;
  readonly documentId: DocumentId | undefined;
  readonly dataVersion: number;
  readonly analysis: AnalysisJob;
  readonly onSelect: (id: DocumentId) => void;
  readonly onOpenItem: (itemId: ItemId) => void;
}

type ListFilter = 'all' | 'invalid' | 'findings';
const FILTERS: Readonly<Record<ListFilter, DocumentFilter>> = { all: {}, invalid: { mrzValid: false }, findings: { withFindings: true } };

/** The Documents view: every identity document found in the case, and the selected one in detail. */
export function DocumentsView({ caseId, documentId, dataVersion, analysis, onSelect, onOpenItem }: DocumentsViewProps) {
  const { client } = useEngine();
  const [filter, setFilter] = useState<ListFilter>('all');
  const list = useAsyncData(() => client.call('documents.list', { caseId, filter: FILTERS[filter] }), [client, caseId, filter, dataVersion]);
  const documents = list.data ?? [];
  const selected = documentId ?? documents[0]?.id ?? null;
  return (
    <div className="documents-view">
      <div className="documents-toolbar">
        <AnalysisBar analysis={analysis} />
        <span className="spacer" />
        <label>
          Show
          <select value={filter} onChange={(event) => setFilter(event.target.value as ListFilter)} data-testid="document-filter">
            <option value="all">All documents</option>
            <option value="invalid">MRZ check fails</option>
            <option value="findings">With findings</option>
          </select>
        </label>
        <span className="muted" data-testid="document-count" data-count={documents.length}>
          {formatCount(documents.length)} documents
        </span>
      </div>
      {list.error && (
        <Banner tone="error" title="Could not list documents.">
          {list.error}
        </Banner>
      )}
      <div className="documents-body">
        {documents.length === 0 && !list.loading ? (
          <div className="documents-empty muted">
            {filter === 'all' ? 'No documents found yet. Import photos or scans, then choose “Analyse case”.' : 'No document matches this filter.'}
          </div>
        ) : (
          <>
            <DocumentList caseId={caseId} documents={documents} selectedId={selected} onSelect={onSelect} />
            {selected !== null && <DocumentDetailView caseId={caseId} documentId={selected} dataVersion={dataVersion} onOpenItem={onOpenItem} />}
          </>
        )}
      </div>
    </div>
  );
}
