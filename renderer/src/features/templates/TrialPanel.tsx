import { useState } from 'react';
import type { CaseId, DocumentId, TemplateTrialView } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { errorMessage } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import { holderName } from '../documents/document-format';
import { ComparisonPanel } from './ComparisonPanel';
import { IMAGE_FILES, PickPathButton } from './PickPathButton';
import { draftInput } from './template-draft';
import type { TemplateDraft } from './template-draft';

export interface TrialPanelProps {
  readonly draft: TemplateDraft;
  /** The draft has no error (the engine would take it). */
  readonly ready: boolean;
  /** The case opened last, offered first. */
  readonly preferredCaseId: CaseId | null;
}

type Source = { readonly kind: 'document'; readonly caseId: CaseId; readonly documentId: DocumentId; readonly label: string } | { readonly kind: 'file'; readonly path: string; readonly label: string };

/** Try the unsaved draft (`templates.try`) on a document of a case or on an image file; nothing is stored. */
export function TrialPanel({ draft, ready, preferredCaseId }: TrialPanelProps) {
  const { client } = useEngine();
  const cases = useAsyncData(() => client.call('cases.list', {}), [client]);
  const [caseId, setCaseId] = useState<CaseId | null>(preferredCaseId);
  const shownCase = caseId ?? cases.data?.[0]?.id ?? null;
  const documents = useAsyncData(() => (shownCase ? client.call('documents.list', { caseId: shownCase }) : Promise.resolve([])), [client, shownCase]);
  const [documentId, setDocumentId] = useState<DocumentId | null>(null);
  const [result, setResult] = useState<{ view: TemplateTrialView; source: Source; at: string } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const docs = documents.data ?? [];
  const doc = docs.find((d) => d.id === documentId) ?? docs[0] ?? null;

  const run = (source: Source) => {
    setRunning(true);
    setError(null);
    const input = draftInput(draft);
    const args = source.kind === 'file' ? { draft: input, path: source.path } : { draft: input, caseId: source.caseId, documentId: source.documentId };
    client.call('templates.try', args).then(
      (view) => {
        setRunning(false);
        setResult({ view, source, at: new Date().toLocaleTimeString() });
      },
      (failure: unknown) => {
        setRunning(false);
        setError(errorMessage(failure));
      },
    );
  };
  const referenceSide = result?.view.template ? draft.sides.find((s) => s.name === result.view.template!.side) : draft.sides[0];

  return (
    <div className="ze-trial" data-testid="trial-panel">
      <div className="ze-trial-sources">
        <label>
          Case
          <select value={shownCase ?? ''} onChange={(event) => setCaseId((event.target.value || null) as CaseId | null)} disabled={!cases.data?.length} data-testid="trial-case-select">
            {cases.data?.length === 0 && <option value="">No cases</option>}
            {(cases.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Document
          <select value={doc?.id ?? ''} onChange={(event) => setDocumentId(Number(event.target.value) as DocumentId)} disabled={docs.length === 0} data-testid="trial-document-select">
            {docs.length === 0 && <option value="">{shownCase ? 'No documents (analyse the case first)' : '—'}</option>}
            {docs.map((d) => (
              <option key={d.id} value={d.id}>
                {holderName(d)} · {d.documentNumber ?? '—'} · {d.itemName} ({d.side})
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!ready || running || !doc || !shownCase}
          onClick={() => doc && shownCase && run({ kind: 'document', caseId: shownCase, documentId: doc.id, label: `${holderName(doc)} (${doc.itemName})` })}
          data-testid="trial-document-run"
        >
          Try on this document
        </button>
        <span className="muted">or</span>
        <PickPathButton
          label="Try on an image file…"
          title="Choose an image to try the draft on"
          mode="file"
          accept={IMAGE_FILES}
          disabled={!ready || running}
          onPick={(path) => run({ kind: 'file', path, label: path })}
          onError={setError}
          testId="trial-file-button"
        />
        {running && <span className="muted">Trying…</span>}
      </div>
      {!ready && <div className="muted">Fix the errors listed under “Problems” to try the draft.</div>}
      {error && (
        <Banner tone="error" title="The draft could not be tried." testId="trial-error">
          {error}
        </Banner>
      )}
      {result && (
        <div className="ze-trial-result" data-testid="trial-result" data-matched={result.view.matched} data-recognition={result.view.recognition} data-level={result.view.assessment?.level ?? 'none'}>
          <div className="muted">
            Draft as it was at {result.at}, tried on {result.source.label}. Nothing was stored.
          </div>
          <ComparisonPanel check={result.view} questionedUrl={result.view.alignedDataUrl} referenceUrl={referenceSide?.image?.url ?? null} trust={null} testId="trial-comparison" />
        </div>
      )}
    </div>
  );
}
