import { useEffect, useState } from 'react';
import type { CaseId, ItemDetail } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { useAsyncData } from '../../components/useAsyncData';
import { PanelSection } from '../item/PanelSection';
import { uprightSize } from '../item/upright';
import { ForensicViewer } from './ForensicViewer';
import { analyserTitles, formatScore, fusionReasons, titleOf, WARM_SCORE } from './forensics-view';
import './forensics.css';

export interface ForensicsSectionProps {
  readonly caseId: CaseId;
  readonly detail: ItemDetail;
  readonly dataVersion: number;
}

const STATUS_LABEL = { ok: 'ran', skipped: 'skipped', failed: 'failed' } as const;

/** The item's image forensics in the panel: fused score with its reasons, every analyser run, and the viewer. */
export function ForensicsSection({ caseId, detail, dataVersion }: ForensicsSectionProps) {
  const { client } = useEngine();
  const itemId = detail.id;
  const forensics = useAsyncData(() => client.call('items.forensics', { caseId, itemId }), [client, caseId, itemId, dataVersion]);
  const [viewerOpen, setViewerOpen] = useState(false);
  useEffect(() => setViewerOpen(false), [itemId]);
  const data = forensics.data && forensics.data.itemId === itemId ? forensics.data : undefined;
  const titles = data ? analyserTitles(data) : new Map<string, string>();
  const reasons = data ? fusionReasons(data.findings) : [];
  const viewable = data !== undefined && (data.maps.length > 0 || data.findings.length > 0);

  return (
    <PanelSection title="Forensics" note="Manipulation indicators" testId="item-forensics">
      {forensics.error && !data && (
        <Banner tone="error" title="Could not load the forensics.">
          {forensics.error}
        </Banner>
      )}
      {!data ? (
        !forensics.error && <div className="muted">Loading…</div>
      ) : data.runs.length === 0 ? (
        <div className="muted" data-testid="forensics-empty">
          Not analysed yet.
        </div>
      ) : (
        <div className="forensics-summary">
          <div className="forensics-score-line">
            <span className={data.score !== null && data.score >= WARM_SCORE ? 'forensics-score warm' : 'forensics-score'} data-testid="forensic-score" data-score={data.score ?? ''}>
              {formatScore(data.score)}
            </span>
            <span className="muted">fused score: manipulation indicators, not a verdict</span>
            <span className="spacer" />
            <button type="button" onClick={() => setViewerOpen(true)} disabled={!viewable} title={viewable ? 'Maps, magnifier and findings on the image' : 'No maps or findings stored'} data-testid="open-forensic-viewer">
              Open forensic viewer
            </button>
          </div>
          {reasons.length > 0 ? (
            <table className="data forensics-table" data-testid="forensic-reasons">
              <caption>What raised the score (logistic model: contribution = weight × score)</caption>
              <thead>
                <tr>
                  <th>Kernel</th>
                  <th>Score</th>
                  <th>Weight</th>
                  <th>Contribution</th>
                </tr>
              </thead>
              <tbody>
                {reasons.map((r) => (
                  <tr key={r.kernelId}>
                    <td title={r.kernelId}>{titleOf(titles, `forensics.${r.kernelId}`)}</td>
                    <td className="num">{r.score.toFixed(2)}</td>
                    <td className="num">{r.weight.toFixed(2)}</td>
                    <td className="num">{r.contribution.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            data.score !== null && <div className="muted">No kernel raised the score.</div>
          )}
          <table className="data forensics-table" data-testid="forensic-runs">
            <thead>
              <tr>
                <th>Analyser</th>
                <th>Status</th>
                <th>Score</th>
                <th>Version</th>
              </tr>
            </thead>
            <tbody>
              {data.runs.map((run) => (
                <tr key={run.analyserId} data-testid="forensic-run" data-analyser={run.analyserId} data-status={run.status}>
                  <td>
                    {run.title}
                    {run.reason && <div className={run.status === 'failed' ? 'forensics-reason failed' : 'forensics-reason'}>{run.reason}</div>}
                  </td>
                  <td className={`forensics-status ${run.status}`}>{STATUS_LABEL[run.status]}</td>
                  <td className="num">{formatScore(run.score)}</td>
                  <td className="mono">{run.provenance.analyserVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {viewerOpen && data && (
        <ForensicViewer caseId={caseId} itemId={itemId} itemName={detail.name} forensics={data} fallbackSpace={uprightSize(detail)} onClose={() => setViewerOpen(false)} />
      )}
    </PanelSection>
  );
}
