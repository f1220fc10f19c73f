import type { ZoneResultView } from '../../../../native/engine/contract';
import { ZONE_STATE_META, checkValueRows, formatScore } from './zone-state';

/** One zone's checks: what each measured against what the template expects, and its summary. */
export function ZoneChecks({ zone }: { readonly zone: ZoneResultView | null }) {
  if (!zone) return <div className="muted cmp-zone-checks-empty">Point at a zone or a reason to see its checks.</div>;
  const meta = ZONE_STATE_META[zone.state];
  return (
    <div className="cmp-zone-checks" data-testid="zone-checks" data-zone-id={zone.id} data-state={zone.state}>
      <div className="cmp-zone-checks-head">
        <strong>{zone.id}</strong>
        <span className="muted">
          {zone.kind}
          {zone.field ? ` · ${zone.field}` : ''}
        </span>
        <span className={`cmp-state ${meta.className}`}>
          {meta.symbol} {meta.label}
        </span>
      </div>
      {zone.checks.length === 0 ? (
        <div className="muted">No check ran on this zone.</div>
      ) : (
        zone.checks.map((check, index) => (
          <section key={`${check.check}-${index}`} className="cmp-check" data-testid="zone-check" data-check={check.check} data-deviation={check.deviation}>
            <div className="cmp-check-head">
              <span className="mono">{check.check}</span>
              <span className="cmp-check-dev">deviation {formatScore(check.deviation)}</span>
            </div>
            <div className="cmp-check-summary">{check.summary}</div>
            {checkValueRows(check).length > 0 && (
              <table className="doc-table">
                <thead>
                  <tr>
                    <th>Quantity</th>
                    <th>Measured</th>
                    <th>Expected</th>
                  </tr>
                </thead>
                <tbody>
                  {checkValueRows(check).map((row) => (
                    <tr key={row.key}>
                      <td className="mono">{row.key}</td>
                      <td className="mono">{row.measured}</td>
                      <td className="mono">{row.expected}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))
      )}
    </div>
  );
}
