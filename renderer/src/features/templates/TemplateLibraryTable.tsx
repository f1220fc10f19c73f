import type { TemplateSummaryView } from '../../../../native/engine/contract';
import { trustLabel } from './TrustWarning';

export interface TemplateLibraryTableProps {
  readonly templates: readonly TemplateSummaryView[];
  readonly selected: { readonly id: string; readonly version: string } | null;
  readonly onSelect: (template: TemplateSummaryView) => void;
}

const SOURCE_LABEL: Readonly<Record<TemplateSummaryView['source'], string>> = { bundled: 'bundled', user: 'user folder', pack: 'pack' };

/** Every template the workstation knows: identity, state, source and trust, the engine's warning under the title. */
export function TemplateLibraryTable({ templates, selected, onSelect }: TemplateLibraryTableProps) {
  return (
    <table className="data tpl-table" data-testid="template-library">
      <thead>
        <tr>
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
