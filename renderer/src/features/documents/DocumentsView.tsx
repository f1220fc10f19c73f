import { useEffect, useState } from 'react';
import { ASSESSMENT_LEVELS } from '../../../../native/engine/contract';
import type { AssessmentLevel, CaseId, DocumentFilter, DocumentId, ItemId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { formatCount } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import { LEVEL_META } from '../templates/zone-state';
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
  readonly onOpenTemplate?: (id: string, version: string) => void;
}

type ListFilter = 'all' | 'invalid' | 'findings';
const FILTERS: Readonly<Record<ListFilter, DocumentFilter>> = { all: {}, invalid: { mrzValid: false }, findings: { withFindings: true } };

/** The Documents view: every identity document found in the case, and the selected one in detail. */
export function DocumentsView({ caseId, documentId, dataVersion, analysis, onSelect, onOpenItem, onOpenTemplate }: DocumentsViewProps) {
  const { client } = useEngine();
  const [filter, setFilter] = useState<ListFilter>('all');
  const [level, setLevel] = useState<AssessmentLevel | ''>('');
  const list = useAsyncData(
    () => client.call('documents.list', { caseId, filter: level ? { ...FILTERS[filter], assessmentLevel: level } : FILTERS[filter] }),
    [client, caseId, filter, level, dataVersion],
  );
  const documents = list.data ?? [];
  const filtered = filter !== 'all' || level !== '';
  const hidden = filtered && !list.loading && documentId !== undefined && !documents.some((d) => d.id === documentId);
  // With a filter on, the document shown is one of the list: one the filter hides gives way to the first listed.
  const selected = hidden ? (documents[0]?.id ?? null) : (documentId ?? documents[0]?.id ?? null);
  useEffect(() => {
    if (hidden && documents[0]) onSelect(documents[0].id);
  }, [hidden, documents, onSelect]);
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
        <label>
          Assessment
          <select value={level} onChange={(event) => setLevel(event.target.value as AssessmentLevel | '')} data-testid="document-level-filter">
            <option value="">Any level</option>
            {ASSESSMENT_LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_META[l].label}
              </option>
            ))}
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
            {filter === 'all' && !level ? 'No documents found yet. Import photos or scans, then choose “Analyse case”.' : 'No document matches this filter.'}
          </div>
        ) : (
          <>
            <DocumentList caseId={caseId} documents={documents} selectedId={selected} onSelect={onSelect} />
            {selected !== null && <DocumentDetailView caseId={caseId} documentId={selected} dataVersion={dataVersion} onOpenItem={onOpenItem} onOpenTemplate={onOpenTemplate} />}
          </>
        )}
      </div>
    </div>
  );
}
