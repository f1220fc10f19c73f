import { useState } from 'react';
import type { CaseId, DocumentId, ExhibitId, ItemId, SearchHit } from '../../../../native/engine/contract';
import type { CaseTab, Route } from '../../app/route';
import { useEngine } from '../../bridge/client';
import { useEngineEvent } from '../../bridge/useEngineEvent';
import { Banner } from '../../components/Banner';
import { useAsyncData } from '../../components/useAsyncData';
import { useCoalescedCallback } from '../../components/useCoalescedCallback';
import { AuditLog } from '../audit/AuditLog';
import { DocumentsView } from '../documents/DocumentsView';
import { useAnalysisJob } from '../documents/useAnalysisJob';
import { EvidenceView } from '../evidence/EvidenceView';
import { ExhibitSidebar } from '../exhibits/ExhibitSidebar';
import { NewExhibitDialog } from '../exhibits/NewExhibitDialog';
import { ImportDialog } from '../import/ImportDialog';
import { useImportJob } from '../import/useImportJob';
import { LinksView } from '../links/LinksView';
import { MergePackagesDialog } from '../packages/MergePackagesDialog';
import { PackageActions } from '../packages/PackageActions';
import { SearchBox } from '../search/SearchBox';
import { CaseHeader } from './CaseHeader';
import './workspace.css';

export interface CaseWorkspaceProps {
  readonly caseId: CaseId;
  readonly tab: CaseTab;
  readonly documentId?: DocumentId;
  readonly itemId?: ItemId;
  /** Links tab: the entity the link graph is centred on. */
  readonly linkRef?: string;
  readonly navigate: (route: Route) => void;
}

/** One open case: header with search, exhibits sidebar, evidence grid, documents, links or audit log, and the import dialog. */
export function CaseWorkspace({ caseId, tab, documentId, itemId, linkRef, navigate }: CaseWorkspaceProps) {
  const { client } = useEngine();
  /** Bumped whenever the case's items changed; every view refreshes from it. */
  const [dataVersion, setDataVersion] = useState(0);
  const refresh = useCoalescedCallback(() => setDataVersion((version) => version + 1), 600);
  const summary = useAsyncData(() => client.call('cases.get', { caseId }), [client, caseId, dataVersion]);
  const exhibits = useAsyncData(() => client.call('exhibits.list', { caseId }), [client, caseId, dataVersion]);
  const [selectedId, setSelectedId] = useState<ExhibitId | null>(null);
  const [newExhibitOpen, setNewExhibitOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  /** The item selected in the evidence grid, offered as an export scope. */
  const [gridSelection, setGridSelection] = useState<ItemId | null>(null);
  const job = useImportJob(caseId, () => refresh.flush());
  const analysis = useAnalysisJob(caseId, refresh.flush);
  const openDocument = (id: DocumentId) => navigate({ view: 'case', caseId, tab: 'documents', documentId: id });
  const openItem = (id: ItemId) => navigate({ view: 'case', caseId, tab: 'evidence', itemId: id });
  const openHit = (hit: SearchHit) => (hit.line.documentId !== null ? openDocument(hit.line.documentId) : openItem(hit.itemId));

  useEngineEvent('items.changed', (payload) => {
    if (payload.caseId === caseId) refresh.schedule();
  });

  const list = exhibits.data ?? [];
  const selected = list.find((exhibit) => exhibit.id === selectedId) ?? list[0];

  if (summary.error && !summary.data) {
    return (
      <div className="workspace-error">
        <Banner tone="error" title="Could not open the case.">
          {summary.error}
        </Banner>
        <button type="button" onClick={() => navigate({ view: 'cases' })}>
          Back to cases
        </button>
      </div>
    );
  }

  return (
    <div className="workspace">
      <CaseHeader
        summary={summary.data}
        tab={tab}
        onTab={(next) => navigate({ view: 'case', caseId, tab: next })}
        onBack={() => navigate({ view: 'cases' })}
        onTemplates={() => navigate({ view: 'templates' })}
        search={<SearchBox caseId={caseId} onOpen={openHit} />}
        onMerge={() => setMergeOpen(true)}
        actions={<PackageActions caseId={caseId} selectedItemIds={tab === 'evidence' && gridSelection !== null ? [gridSelection] : []} />}
      />
      <div className="workspace-body">
        <ExhibitSidebar
          exhibits={list}
          selected={selected}
          onSelect={setSelectedId}
          onNew={() => setNewExhibitOpen(true)}
          onImport={() => setImportOpen(true)}
          job={job}
          importOpen={importOpen}
        />
        <div className="workspace-main">
          {exhibits.error && (
            <Banner tone="error" title="Could not list exhibits.">
              {exhibits.error}
            </Banner>
          )}
          {tab === 'audit' ? (
            <AuditLog caseId={caseId} dataVersion={dataVersion} onBack={() => navigate({ view: 'case', caseId, tab: 'evidence' })} />
          ) : tab === 'links' ? (
            <LinksView
              caseId={caseId}
              center={linkRef}
              dataVersion={dataVersion}
              onCentre={(ref) => navigate({ view: 'case', caseId, tab: 'links', linkRef: ref })}
              onOpenItem={openItem}
              onOpenDocument={openDocument}
              onChanged={refresh.flush}
            />
          ) : tab === 'documents' ? (
            <DocumentsView
              caseId={caseId}
              documentId={documentId}
              dataVersion={dataVersion}
              analysis={analysis}
              onSelect={openDocument}
              onOpenItem={openItem}
              onOpenTemplate={(id, version) => navigate({ view: 'templates', template: { id, version } })}
            />
          ) : (
            <EvidenceView
              caseId={caseId}
              exhibits={list}
              dataVersion={dataVersion}
              onChanged={refresh.flush}
              openItemId={itemId}
              onOpenDocument={openDocument}
              analysis={analysis}
              onSelectionChange={setGridSelection}
            />
          )}
        </div>
      </div>
      {newExhibitOpen && (
        <NewExhibitDialog
          caseId={caseId}
          onClose={() => setNewExhibitOpen(false)}
          onCreated={(exhibit) => {
            setNewExhibitOpen(false);
            setSelectedId(exhibit.id);
            exhibits.reload();
            summary.reload();
          }}
        />
      )}
      {importOpen && <ImportDialog target={selected} job={job} onClose={() => setImportOpen(false)} />}
      {mergeOpen && <MergePackagesDialog caseId={caseId} onClose={() => setMergeOpen(false)} onMerged={refresh.flush} />}
    </div>
  );
}
