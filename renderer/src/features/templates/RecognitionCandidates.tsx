import type { RecognitionCandidateView } from '../../../../native/engine/contract';
import { formatScore } from './zone-state';

/** The templates recognition tried, best first, each with what decided it. */
export function RecognitionCandidates({ candidates }: { readonly candidates: readonly RecognitionCandidateView[] }) {
  if (candidates.length === 0) return <div className="muted">No template was tried (the library holds none for this kind of document).</div>;
  const ordered = [...candidates].sort((a, b) => Number(b.matched) - Number(a.matched) || b.score - a.score);
  return (
    <table className="doc-table" data-testid="recognition-candidates">
      <thead>
        <tr>
          <th>Template</th>
          <th>Side</th>
          <th>Score</th>
          <th>Fitted</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((c, index) => (
          <tr key={`${c.templateId}-${c.side}-${index}`} data-testid="recognition-candidate" data-matched={c.matched}>
            <td className="mono">{c.templateId}</td>
            <td>{c.side}</td>
            <td className="mono">{formatScore(c.score)}</td>
            <td className={c.matched ? 'status valid' : 'status unchecked'}>{c.matched ? 'yes' : 'no'}</td>
            <td>{c.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
