import { useMemo, useState } from 'react';
import type { TemplateCheckView, TemplateTrustView } from '../../../../native/engine/contract';
import { Banner } from '../../components/Banner';
import { AssessmentSummary } from './AssessmentSummary';
import { ComparisonStage } from './ComparisonStage';
import type { ComparisonMode } from './ComparisonStage';
import { ComparisonToolbar } from './ComparisonToolbar';
import { RecognitionCandidates } from './RecognitionCandidates';
import { TrustWarning } from './TrustWarning';
import { useFlicker } from './useFlicker';
import { ZoneChecks } from './ZoneChecks';
import { ZoneList } from './ZoneList';
import { pixelsToBox } from './zone-geometry';
import { formatScore } from './zone-state';
import './comparison.css';

export interface ComparisonPanelProps {
  readonly check: TemplateCheckView;
  /** The questioned document in the template frame (asset URL or data URL), or null. */
  readonly questionedUrl: string | null;
  /** The template side's reference image, or null (not loaded, or not found any more). */
  readonly referenceUrl: string | null;
  /** Trust of the template used; null for an unsaved draft. */
  readonly trust: TemplateTrustView | null;
  /** The reference image is still being fetched. */
  readonly referenceLoading?: boolean;
  /** Shown above the images when the reference could not be loaded, for instance. */
  readonly notice?: string | null;
  readonly testId?: string;
}

const RECOGNITION_LABEL: Readonly<Record<TemplateCheckView['recognition'], string>> = {
  print: 'recognised by its print',
  'mrz-claim': 'claimed by its MRZ, print not recognised',
  none: 'not recognised',
};

/** Overlay opacity at first: both images readable, the reference's lines visible over the questioned. */
const DEFAULT_OPACITY = 0.5;

/**
 * A document compared with a template: identity and trust of the template, recognition candidates, the
 * assessment with its reasons, both images with the zones coloured by state (side by side, flicker,
 * overlay), and the checks of the zone pointed at.
 */
export function ComparisonPanel({ check, questionedUrl, referenceUrl, referenceLoading, trust, notice, testId = 'comparison-panel' }: ComparisonPanelProps) {
  const [mode, setMode] = useState<ComparisonMode>('side-by-side');
  const [opacity, setOpacity] = useState(DEFAULT_OPACITY);
  const [difference, setDifference] = useState(false);
  const [allLabels, setAllLabels] = useState(false);
  const [hovered, setHovered] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const flicker = useFlicker(mode === 'flicker');
  const frame = check.referenceSize;
  const overlayZones = useMemo(
    () => (frame ? check.zones.map((zone) => ({ id: zone.id, state: zone.state, box: pixelsToBox(zone.box, frame) })) : []),
    [check.zones, frame],
  );
  const pick = (id: string) => setSelected((current) => (current === id ? null : id));
  const shownZone = check.zones.find((zone) => zone.id === (hovered ?? selected)) ?? null;
  const template = check.template;
  const compared = template !== null && frame !== null && check.recognition !== 'none';
  const bothImages = questionedUrl !== null && referenceUrl !== null;

  return (
    <div className="cmp-panel" data-testid={testId} data-matched={check.matched} data-recognition={check.recognition} data-compared={compared}>
      <div className="cmp-identity">
        {template && compared ? (
          <>
            <strong data-testid="comparison-template">{template.title}</strong>
            <span className="mono">
              {template.id}@{template.version} · side {template.side}
            </span>
            <span className="muted">{RECOGNITION_LABEL[check.recognition]}, score {formatScore(check.score)}</span>
          </>
        ) : (
          <strong data-testid="comparison-no-template">No template fitted</strong>
        )}
      </div>
      {trust && <TrustWarning trust={trust} />}
      {notice && <Banner tone="warn">{notice}</Banner>}
      {check.recognition === 'mrz-claim' && template && (
        <Banner tone="warn" title="The fixed print does not follow this template." testId="mrz-claim-banner">
          The document was compared with {template.id}@{template.version} because its MRZ claims that document model; its printed layout was
          not recognised as that model (see the recognition candidates).
        </Banner>
      )}
      {!compared && (
        <Banner tone="warn" title="The document was not forced onto a template." testId="no-template-banner">
          None of the templates tried fitted, and its MRZ claims none of them; the reasons are below. Zone checks need a template.
        </Banner>
      )}
      <div className="cmp-body">
        <div className="cmp-main">
          {compared && frame ? (
            <>
              <ComparisonToolbar
                mode={mode}
                onMode={setMode}
                paused={flicker.paused}
                onPaused={flicker.setPaused}
                onSwap={flicker.swap}
                opacity={opacity}
                onOpacity={setOpacity}
                difference={difference}
                onDifference={setDifference}
                bothImages={bothImages}
                allLabels={allLabels}
                onAllLabels={setAllLabels}
              />
              <div
                className="cmp-stage-wrap"
                tabIndex={mode === 'flicker' ? 0 : -1}
                aria-label={mode === 'flicker' ? 'Flicker view: Space pauses or resumes' : undefined}
                onKeyDown={(event) => {
                  if (mode === 'flicker' && event.key === ' ') {
                    event.preventDefault();
                    flicker.setPaused(!flicker.paused);
                  }
                }}
              >
                <ComparisonStage
                  mode={mode}
                  questionedUrl={questionedUrl}
                  referenceUrl={referenceUrl}
                  referenceLoading={referenceLoading}
                  frame={frame}
                  zones={overlayZones}
                  hovered={hovered}
                  selected={selected}
                  onHover={setHovered}
                  onPick={pick}
                  opacity={opacity}
                  difference={difference}
                  showReference={flicker.showReference}
                  allLabels={allLabels}
                />
              </div>
            </>
          ) : null}
          <details className="cmp-candidates" open={!check.matched} data-testid="recognition-details">
            <summary>Recognition: {check.candidates.length} templates tried</summary>
            <RecognitionCandidates candidates={check.candidates} />
          </details>
        </div>
        <aside className="cmp-side" aria-label="Assessment and zones">
          <section>
            <h3>Assessment</h3>
            <AssessmentSummary assessment={check.assessment} hovered={hovered} selected={selected} onHover={setHovered} onPick={pick} />
          </section>
          {check.zones.length > 0 && (
            <>
              <section>
                <h3>Zones ({check.zones.length})</h3>
                <ZoneList zones={check.zones} hovered={hovered} selected={selected} onHover={setHovered} onPick={pick} />
              </section>
              {/* Below the lists, so what pointing at a reason or zone opens never moves them. */}
              <section>
                <h3>Zone checks</h3>
                <ZoneChecks zone={shownZone} />
              </section>
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
