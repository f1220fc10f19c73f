import type { TemplateSummaryView } from '../../../../native/engine/contract';
import { trustLabel } from './TrustWarning';

export interface TemplateLibraryTableProps {
  readonly templates: readonly TemplateSummaryView[];
  readonly selected: { readonly id: string; readonly version: string } | null;
  readonly onSelect: (template: TemplateSummaryView) => void;
  /** Templates ticked for export (`id@version`). */
  readonly checked: ReadonlySet<string>;
  readonly onCheck: (templates: readonly TemplateSummaryView[], checked: boolean) => void;
}

/** The key of a template in the export selection. */
export const templateKey = (t: { readonly id: string; readonly version: string }) => `${t.id}@${t.version}`;

/** A template that failed its pack's verification is not exported (the engine refuses it too). */
export const exportable = (t: TemplateSummaryView) => t.trust.status !== 'invalid';

const SOURCE_LABEL: Readonly<Record<TemplateSummaryView['source'], string>> = { bundled: 'bundled', user: 'user folder', pack: 'pack' };

/**
 * Every template the workstation knows: identity, state, source and trust, the engine's warning under the title,
 * and a tick box per template to choose templates for a pack.
 */
export function TemplateLibraryTable({ templates, selected, onSelect, checked, onCheck }: TemplateLibraryTableProps) {
  const candidates = templates.filter(exportable);
  const allChecked = candidates.length > 0 && candidates.every((t) => checked.has(templateKey(t)));
  return (
    <table className="data tpl-table" data-testid="template-library">
      <thead>
        <tr>
          <th className="tpl-check">
            <input type="checkbox" checked={allChecked} disabled={!candidates.length} onChange={(event) => onCheck(candidates, event.target.checked)} aria-label="Choose every template for a pack" data-testid="template-check-all" />
          </th>
          <th>Template</th>
          <th>Version</th>
          <th>State</th>
          <th>Category</th>
          <th>Source</th>
          <th>Trust</th>
          <th className="num">Zones</th>
        </tr>
      </thead>
      <tbody>
        {templates.map((t) => {
          const isSelected = selected?.id === t.id && selected.version === t.version;
          const zones = t.sides.reduce((sum, side) => sum + side.zones, 0);
          return (
            <tr
              key={`${t.id}@${t.version}`}
              tabIndex={0}
              aria-selected={isSelected}
              className={[isSelected ? 'selected' : '', t.trust.warning ? 'warned' : ''].filter(Boolean).join(' ') || undefined}
              onClick={() => onSelect(t)}
              onKeyDown={(event) => {
                // Keys on the tick box are the tick box's.
                if (event.target !== event.currentTarget) return;
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSelect(t);
                }
              }}
              data-testid="template-row"
              data-template-id={t.id}
              data-version={t.version}
              data-trust={t.trust.status}
            >
              <td className="tpl-check" onClick={(event) => event.stopPropagation()}>
                <input
                  type="checkbox"
                  checked={checked.has(templateKey(t))}
                  disabled={!exportable(t)}
                  onChange={(event) => onCheck([t], event.target.checked)}
                  aria-label={`Choose ${t.id}@${t.version} for a pack`}
                  title={exportable(t) ? 'Choose for a pack' : 'Failed verification: not exported'}
                  data-testid="template-check"
                />
              </td>
              <td>
                <div className="tpl-title">{t.title}</div>
                <div className="mono muted">{t.id}</div>
                {t.trust.warning && (
                  <div className="tpl-warning" data-testid="template-row-warning">
                    ⚠ {t.trust.warning}
                  </div>
                )}
              </td>
              <td className="mono">{t.version}</td>
              <td className="mono">{t.issuingState}</td>
              <td>{t.category}</td>
              <td>{SOURCE_LABEL[t.source]}</td>
              <td>
                <span className={`trust-chip trust-${t.trust.status}${t.trust.status === 'signed' && !t.trust.trustedSigner ? ' untrusted' : ''}`}>{trustLabel(t.trust)}</span>
              </td>
              <td className="num">{zones}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
