/**
 * Recognition: which template side, if any, a questioned document follows. Every side is tried; a side
 * is accepted only when its alignment clears every threshold of score.ts, and the best accepted side wins.
 * When none is accepted `best` is null: a document of another type is never forced onto a template (the
 * reject option), and every candidate carries the reason it was refused.
 */
import { loadOpenCv } from '../../imaging/opencv';
import type { RgbImage } from '../../imaging/raster';
import { alignWithFeatures, precheck } from './align';
import type { Alignment } from './align';
import type { PreparedSide } from './prepared-side';
import { questionedFeatures } from './questioned';
import type { QuestionedFeatures } from './questioned';
import { evidences, MIN_FEATURE_INLIERS, MIN_PATCH_SHARE } from './score';

export interface RecognitionCandidate {
  readonly templateId: string;
  readonly templateVersion: string;
  readonly side: string;
  /** Recognition score in [0, 1] (0 when no alignment was found); accepted sides have >= 0.5. */
  readonly score: number;
  readonly matched: boolean;
  /** What was measured: the evidences and their thresholds, or why no alignment was found. */
  readonly reason: string;
}

export interface Recognition {
  readonly best: { readonly side: PreparedSide; readonly alignment: Alignment } | null;
  readonly candidates: readonly RecognitionCandidate[];
}

/**
 * Try every side in `sides` on `questioned` (a rectified document, upright or upside down); `best` is the
 * accepted side with the highest score (ties: the higher fixed-print similarity, then the earlier side),
 * or null when none fits. Questioned features are computed once per feature-frame size. A side that fails
 * with an error is reported as a candidate with that error, not thrown.
 */
export async function recognise(questioned: RgbImage, sides: readonly PreparedSide[]): Promise<Recognition> {
  const cv = await loadOpenCv();
  const features = new Map<string, QuestionedFeatures>();
  const candidates: RecognitionCandidate[] = [];
  let best: { side: PreparedSide; alignment: Alignment } | null = null;
  for (const side of sides) {
    const base = { templateId: side.templateId, templateVersion: side.templateVersion, side: side.side };
    try {
      const refused = precheck(questioned, side);
      if (refused) {
        candidates.push({ ...base, score: 0, matched: false, reason: refused });
        continue;
      }
      const key = `${side.featureWidth}x${side.featureHeight}`;
      let q = features.get(key);
      if (!q) {
        q = questionedFeatures(cv, questioned, side.featureWidth, side.featureHeight);
        features.set(key, q);
      }
      const attempt = alignWithFeatures(cv, questioned, q, side, { minInliers: MIN_FEATURE_INLIERS, minPatchShare: MIN_PATCH_SHARE });
      if (!attempt.alignment) {
        candidates.push({ ...base, score: 0, matched: false, reason: attempt.reason });
        continue;
      }
      const a = attempt.alignment;
      const checks = evidences(a);
      const matched = checks.every((c) => c.passed);
      const failed = checks.filter((c) => !c.passed).map((c) => c.text);
      const reason = matched
        ? `follows the side: ${checks.map((c) => c.text).join('; ')}${a.turned ? '; the document was upside down' : ''}`
        : `aligned but does not follow the side: ${failed.join('; ')}`;
      candidates.push({ ...base, score: a.score, matched, reason });
      if (matched && (!best || a.score > best.alignment.score || (a.score === best.alignment.score && a.staticSimilarity > best.alignment.staticSimilarity))) best = { side, alignment: a };
    } catch (error) {
      candidates.push({ ...base, score: 0, matched: false, reason: `alignment failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return { best, candidates };
}
