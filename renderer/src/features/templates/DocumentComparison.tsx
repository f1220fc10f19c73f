import type { CaseId, DocumentId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { useAsyncData } from '../../components/useAsyncData';
import { ComparisonPanel } from './ComparisonPanel';

export interface DocumentComparisonProps {
  readonly caseId: CaseId;
  readonly documentId: DocumentId;
  readonly dataVersion: number;
  /** Open the template in the library. */
  readonly onOpenTemplate?: (id: string, version: string) => void;
}

/**
 * The stored comparison of a found document with the template it follows (`documents.comparison`), with
 * that template's reference image (`templates.get`) next to the aligned document.
 */
export function DocumentComparison({ caseId, documentId, dataVersion, onOpenTemplate }: DocumentComparisonProps) {
  const { client, assetUrl } = useEngine();
  const comparison = useAsyncData(() => client.call('documents.comparison', { caseId, documentId }), [client, caseId, documentId, dataVersion]);
  const data = comparison.data && comparison.data.documentId === documentId ? comparison.data : comparison.data === null ? null : undefined;
  const template = data?.template ?? null;
  const detail = useAsyncData(
    () => (template ? client.call('templates.get', { id: template.id, version: template.version }) : Promise.resolve(null)),
    [client, template?.id, template?.version],
  );

  if (comparison.error && data === undefined) {
    return (
      <Banner tone="error" title="Could not load the template comparison.">
        {comparison.error}
      </Banner>
    );
  }
  if (data === undefined) return <div className="muted">Loading…</div>;
  if (data === null) {
    return (
      <div className="muted" data-testid="comparison-none">
        Not compared with a template yet: run the analysis (its template step recognises the document model and compares it zone by zone).
      </div>
    );
  }
  const side = template && detail.data ? detail.data.sidesDetail.find((s) => s.name === template.side) ?? null : null;
  const notice = template && detail.error ? `The template's reference image could not be loaded: ${detail.error}` : template && detail.data && !side ? `The template has no side "${template.side}" any more.` : null;
  return (
    <>
      <ComparisonPanel
        check={data}
        questionedUrl={data.alignedArtifactId !== null ? assetUrl(caseId, data.itemId, `artifact-${data.alignedArtifactId}`) : null}
        referenceUrl={side?.imageDataUrl ?? null}
        referenceLoading={template !== null && detail.loading && !side}
        trust={template?.trust ?? null}
        notice={notice}
      />
      <div className="cmp-footer muted">
        Compared by {data.provenance.analyserId}@{data.provenance.analyserVersion}
        {template && (
          <>
            {' '}
            with template.json SHA-256 <span className="mono">{template.sha256.slice(0, 16)}…</span>
            {onOpenTemplate && (
              <>
                {' · '}
                <button type="button" className="link" onClick={() => onOpenTemplate(template.id, template.version)} data-testid="open-template-link">
                  Open {template.id}@{template.version} in the library
                </button>
              </>
            )}
          </>
        )}
      </div>
    </>
  );
}
