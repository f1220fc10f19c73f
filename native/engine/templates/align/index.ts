/** Template recognition and alignment (docs/TEMPLATES.md): prepare template sides once, align and recognise questioned documents. */
export { prepareSide, prepareSideFromImage, FEATURE_SCALE } from './prepared-side';
export type { PreparedSide } from './prepared-side';
export { alignToSide, tryAlignToSide } from './align';
export type { Alignment, AlignmentAttempt } from './align';
export { recognise } from './recognise';
export type { Recognition, RecognitionCandidate } from './recognise';
export { recognitionScore, evidences } from './score';
export type { FitMeasures } from './score';
export { VARIABLE_ZONE_KINDS, staticMask } from './static-mask';
