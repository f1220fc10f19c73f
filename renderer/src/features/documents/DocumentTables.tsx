import type { CrossCheckView, FindingView, MrzView } from '../../../../native/engine/contract';
import { SEVERITY_ORDER, STATUS_LABEL } from './document-format';

/** Every MRZ field with its raw characters, reading, status and position. */
export function MrzFieldTable({ mrz }: { readonly mrz: MrzView }) {
  return (
    <table className="doc-table" data-testid="mrz-fields">
      <thead>
        <tr>
          <th>Field</th>
          <th>MRZ</th>
          <th>Reading</th>
          <th>Status</th>
          <th>Where</th>
        </tr>
      </thead>
      <tbody>
        {mrz.fields.map((f) => (
          <tr key={f.name} data-field={f.name} data-status={f.status}>
            <td>{f.name}</td>
            <td className="mono">{f.raw}</td>
            <td>{f.text || '—'}</td>
            <td className={`status ${f.status}`}>{STATUS_LABEL[f.status]}</td>
            <td className="muted">
              line {f.line + 1}, {f.start + 1}–{f.end}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Check digits: expected against found. */
export function CheckTable({ mrz }: { readonly mrz: MrzView }) {
  return (
    <table className="doc-table" data-testid="mrz-checks">
      <thead>
        <tr>
          <th>Check digit</th>
          <th>Position</th>
          <th>Computed</th>
          <th>On document</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {mrz.checks.map((c) => (
          <tr key={`${c.name}-${c.line}-${c.column}`} data-valid={String(c.valid)}>
            <td>{c.name}</td>
            <td className="muted">
              line {c.line + 1}, col {c.column + 1}
            </td>
            <td className="mono">{c.expected}</td>
            <td className="mono">{c.found}</td>
            <td className={c.valid ? 'status valid' : 'status invalid'}>{c.valid ? 'holds' : 'fails'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Printed (VIZ) fields against the MRZ, field by field. */
export function CrossCheckTable({ rows }: { readonly rows: readonly CrossCheckView[] }) {
  if (!rows.length) return <div className="muted">No printed fields were compared (printed-field OCR did not run or found no labelled field).</div>;
  return (
    <table className="doc-table" data-testid="viz-mrz-table">
      <thead>
        <tr>
          <th>Field</th>
          <th>Printed</th>
          <th>MRZ</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} data-status={r.status}>
            <td>{r.field}</td>
            <td>{r.viz ?? '—'}</td>
            <td className="mono">{r.mrz ?? '—'}</td>
            <td className={`status ${r.status}`} title={r.explanation}>
              {r.status}: {r.explanation}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Findings, most severe first, each with what measured it. */
export function FindingsList({ findings }: { readonly findings: readonly FindingView[] }) {
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  if (!sorted.length) return <div className="muted">No findings.</div>;
  return (
    <ul className="findings" data-testid="findings">
      {sorted.map((f) => (
        <li key={f.id} data-testid="finding" data-kind={f.kind} data-severity={f.severity}>
          <span className={`chip sev-${f.severity}`}>{f.severity}</span>
          <span className="finding-text">
            <span>{f.explanation}</span>
            <span className="muted mono finding-meta">
              {f.kind}
              {f.field ? ` · ${f.field}` : ''} · {f.provenance.analyserId}@{f.provenance.analyserVersion} · input {f.provenance.inputSha256.slice(0, 12)}…
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
