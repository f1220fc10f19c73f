import type { ReactNode } from 'react';
import type { CaseSummary } from '../../../../native/engine/contract';
import type { CaseTab } from '../../app/route';
import { formatCount } from '../../components/format';
import './workspace.css';

export interface CaseHeaderProps {
  readonly summary: CaseSummary | undefined;
  readonly tab: CaseTab;
  readonly onTab: (tab: CaseTab) => void;
  readonly onBack: () => void;
  /** Open the template library (app-level screen). */
  readonly onTemplates: () => void;
  /** The case-wide search box. */
  readonly search: ReactNode;
  /** Open the merge of evidence packages from other workstations (coordination case). */
  readonly onMerge?: () => void;
  /** Extra actions (evidence packages). */
  readonly actions?: ReactNode;
}

/**
 * Title, reference and examiner of the open case, the search box, the Evidence / Documents / Links / Audit log switch,
 * and the way to the template library.
 */
export function CaseHeader({ summary, tab, onTab, onBack, onTemplates, search, onMerge, actions }: CaseHeaderProps) {
  return (
    <div className="case-header">
      <button type="button" className="ghost" onClick={onBack} title="Back to the case list">
        Cases
      </button>
      <div className="case-header-title">
        <h1 data-testid="case-title">{summary?.title ?? 'Loading case…'}</h1>
        {summary && (
          <div className="case-header-meta">
            <span>
              Reference <span className="mono" data-testid="case-reference">{summary.reference ?? '—'}</span>
            </span>
            <span>Examiner {summary.examiner ?? '—'}</span>
            <span>{formatCount(summary.exhibitCount)} exhibits</span>
            <span>{formatCount(summary.itemCount)} items</span>
          </div>
        )}
      </div>
      <span className="spacer" />
      {search}
      <div className="tabs" role="group" aria-label="Case view">
        <button type="button" aria-pressed={tab === 'evidence'} onClick={() => onTab('evidence')} data-testid="evidence-button">
          Evidence
        </button>
        <button type="button" aria-pressed={tab === 'documents'} onClick={() => onTab('documents')} data-testid="documents-button">
          Documents
        </button>
        <button type="button" aria-pressed={tab === 'links'} onClick={() => onTab('links')} data-testid="links-button" title="Links across devices, documents, holders and forgery families">
          Links
        </button>
        <button type="button" aria-pressed={tab === 'audit'} onClick={() => onTab('audit')} data-testid="audit-button">
          Audit log
        </button>
      </div>
      {onMerge && (
        <button type="button" className="ghost" onClick={onMerge} title="Import and merge evidence packages from other workstations" data-testid="case-merge-button">
          Merge packages
        </button>
      )}
      {actions}
      <button type="button" className="ghost" onClick={onTemplates} title="Document templates: library, packs, authoring" data-testid="case-templates-button">
        Templates
      </button>
    </div>
  );
}
