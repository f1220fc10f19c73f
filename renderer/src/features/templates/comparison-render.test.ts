import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TemplateCheckView, TemplateTrustView, ZoneResultView, ZoneState } from '../../../../native/engine/contract';
import { ComparisonPanel } from './ComparisonPanel';
import { LevelBadge } from './LevelBadge';

/** The reference frame of the bundled Utopia template's front side (1012 x 638 px). */
const FRAME = { width: 1012, height: 638 };

const zone = (id: string, state: ZoneState, x: number, y: number, width: number, height: number): ZoneResultView => ({
  id,
  kind: 'text',
  field: null,
  box: { x, y, width, height },
  state,
  checks: state === 'deviates' ? [{ check: 'background.texture', deviation: 0.91, summary: 'fine-line energy 0.08 against 0.62 on genuine captures', measured: { energy: 0.08 }, expected: { energy: 0.62 }, findingId: 5 }] : [],
});

const trust: TemplateTrustView = { status: 'unsigned', signer: null, trustedSigner: false, pack: 'pack-a', problems: [], warning: 'Unsigned template pack: nobody vouches for these templates.' };

function check(over: Partial<TemplateCheckView> = {}): TemplateCheckView {
  return {
    template: { id: 'uto-rp-2024', version: '1.0.0', title: 'Utopia residence permit', issuingState: 'UTO', category: 'residence-permit', source: 'pack', trust, sha256: 'ab'.repeat(32), sides: [{ name: 'front', zones: 4 }], side: 'front' },
    matched: true,
    recognition: 'print',
    score: 0.87,
    candidates: [{ templateId: 'uto-rp-2024', templateVersion: '1.0.0', side: 'front', score: 0.87, matched: true, reason: '412 inliers of 500 matches' }],
    referenceSize: FRAME,
    zones: [zone('guilloche', 'deviates', 300, 96, 700, 340), zone('docno', 'review', 790, 54, 196, 32), zone('surname', 'agrees', 306, 129, 460, 34), zone('signature', 'not-checked', 30, 388, 260, 48)],
    assessment: { score: 0.64, level: 'review', reasons: [{ code: 'template.background', zone: 'guilloche', message: 'Background print missing in the guilloche zone', weight: 0.5, findingId: 5 }] },
    ...over,
  };
}

const render = (props: Parameters<typeof ComparisonPanel>[0]) => renderToStaticMarkup(createElement(ComparisonPanel, props));

describe('ComparisonPanel markup', () => {
  it('draws every zone on both images with its state as data, a symbol and its id (not colour alone)', () => {
    const html = render({ check: check(), questionedUrl: '/asset/c/1/artifact-9', referenceUrl: 'data:image/png;base64,AAAA', trust });
    for (const pane of ['questioned', 'reference']) {
      expect(html).toContain(`data-pane="${pane}" data-zone-id="guilloche" data-state="deviates"`);
      expect(html).toContain(`data-pane="${pane}" data-zone-id="signature" data-state="not-checked"`);
    }
    // Zones that do not agree are named on the images; agreeing and unchecked ones only by their outline style.
    expect(html).toContain('✕ guilloche');
    expect(html).toContain('? docno');
    expect(html).not.toContain('✓ surname');
    expect(html).not.toContain('– signature');
    // The zone box in percent of the frame: 300 / 1012 = 29.644 %.
    expect(html).toContain('left:29.644%');
    expect(html).toContain('src="/asset/c/1/artifact-9"');
  });

  it('shows the template identity, its trust warning, the level, score and reasons', () => {
    const html = render({ check: check(), questionedUrl: null, referenceUrl: null, trust });
    expect(html).toContain('uto-rp-2024@1.0.0 · side front');
    expect(html).toContain('data-testid="template-trust-warning"');
    expect(html).toContain('Unsigned template pack');
    expect(html).toContain('data-level="review"');
    expect(html).toContain('0.64');
    expect(html).toContain('Background print missing in the guilloche zone');
    expect(html).toContain('data-zone="guilloche"');
    // Without the images, flicker and overlay cannot be chosen.
    expect(html).toMatch(/disabled=""[^>]*data-testid="comparison-mode-flicker"/);
  });

  it('says plainly when no template fitted, with every candidate and why', () => {
    const html = render({
      check: check({ template: null, matched: false, recognition: 'none', score: 0.12, referenceSize: null, zones: [], assessment: null, candidates: [{ templateId: 'uto-rp-2024', templateVersion: '1.0.0', side: 'front', score: 0.12, matched: false, reason: '9 inliers of 500 matches (needs 60)' }] }),
      questionedUrl: null,
      referenceUrl: null,
      trust: null,
    });
    expect(html).toContain('No template fitted');
    expect(html).toContain('data-matched="false"');
    expect(html).toContain('9 inliers of 500 matches (needs 60)');
    expect(html).not.toContain('data-testid="comparison-stage"');
    expect(html).toContain('No assessment was made');
  });

  it('compares a document its MRZ claims for a template whose print it does not follow, and says so', () => {
    const html = render({ check: check({ matched: false, recognition: 'mrz-claim', score: 0 }), questionedUrl: '/asset/c/1/artifact-9', referenceUrl: 'data:image/png;base64,AAAA', trust: null });
    expect(html).toContain('data-compared="true"');
    expect(html).toContain('data-testid="mrz-claim-banner"');
    expect(html).toContain('claimed by its MRZ, print not recognised');
    expect(html).toContain('data-pane="questioned" data-zone-id="guilloche" data-state="deviates"');
    expect(html).not.toContain('No template fitted');
  });
});

describe('LevelBadge', () => {
  it('writes the level in words with its score, and nothing without a level', () => {
    const html = renderToStaticMarkup(createElement(LevelBadge, { level: 'strong-indicators', score: 0.826 }));
    expect(html).toContain('Strong indicators');
    expect(html).toContain('0.83');
    expect(html).toContain('data-level="strong-indicators"');
    expect(renderToStaticMarkup(createElement(LevelBadge, { level: null }))).toBe('');
  });
});
