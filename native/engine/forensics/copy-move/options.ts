/**
 * Parameters of the copy-move detector, each with the reason for its default. All distances are in
 * working-image pixels (the keypoint or the block working image, as named) unless stated otherwise.
 */

export interface CopyMoveOptions {
  /** Long side of the keypoint working image (input is area-averaged down to it, never up). */
  readonly keypointLongSide: number;
  /** Long side of the block working image (derived from the keypoint working image). */
  readonly blockLongSide: number;
  /** Long side of the output map grid; the map's cellSize is the smallest integer that fits it. */
  readonly mapLongSide: number;
  /** Most ORB keypoints kept (strongest Harris responses). */
  readonly maxKeypoints: number;
  /** FAST threshold of the ORB detector, 8-bit levels. */
  readonly fastThreshold: number;
  /** g2NN ratio: a neighbour is a match when the next farther neighbour is at least 1/ratio as far. */
  readonly ratio: number;
  /** Largest Hamming distance (of 256 bits) accepted for a match. */
  readonly maxHamming: number;
  /** Smallest distance between the two keypoints of a match, floor of the per-pair patch rule. */
  readonly minMatchDistance: number;
  /** RANSAC inlier tolerance of the similarity transform. */
  readonly inlierTolerance: number;
  /** Fewest matches that must agree on one transform to report a keypoint pair. */
  readonly minInliers: number;
  /** Correlation (NCC, 7x7 window) a pixel and its transformed partner need to be marked as copied. */
  readonly minCorrelation: number;
  /** Block side (block working image). */
  readonly blockSize: number;
  /** Distance between neighbouring block positions (block working image). */
  readonly blockStep: number;
  /** Texture guard: smallest residual standard deviation of a block's 4x4 cell means around their plane. */
  readonly minBlockTexture: number;
  /** Edge guard: smallest eigenvalue ratio (min / max) of a block's structure tensor over its cell means. */
  readonly minBlockIsotropy: number;
  /** Largest mean absolute difference of the 16 cell means of two matching blocks, 8-bit levels. */
  readonly blockTolerance: number;
  /** Ratio test on blocks: the best partner's difference must be below this fraction of the best competitor's. */
  readonly blockRatio: number;
  /** Fewest blocks (on the step grid) that must share one shift vector, in connected regions, to report a pair. */
  readonly minBlockSupport: number;
}

/** Defaults, each with its reason. */
export const DEFAULT_COPY_MOVE_OPTIONS: CopyMoveOptions = {
  // 1024 px: a 12 MP photo is reduced ~4x, so a copied area of 200 input px is still ~50 px across, room
  // for several ORB patches; larger sizes cost ORB and the O(n^2) self-match time quadratically in area.
  keypointLongSide: 1024,
  // 512 px: 16 px blocks then cover ~125 input px of a 12 MP photo; at step 2 that is ~46k block positions,
  // which hash and compare in ~25 ms. It is also the scale of dense verification and of the map.
  blockLongSide: 512,
  // 512 px: as fine as the block evidence, and a 12 MP map stays under 200k cells.
  mapLongSide: 512,
  // 1500: brute-force 2-NN self-matching in opencv.js costs O(n^2) (~60 ms for 1500, ~110 ms for 2000 on
  // the reference machine); 1500 still gives ~1 keypoint per 500 px^2 of a 1024 x 768 working image.
  maxKeypoints: 1500,
  // 20, ORB's default: a lower threshold (12) found the same pairs on the generated test images but cost
  // ~1.5x the detection time; smooth areas without corners are the block matcher's job.
  fastThreshold: 20,
  // 0.7: measured on the generated copies (plain, and rotated 5 deg / rescaled 1.1x, noise 1 level), true matches lie at a median
  // of 36 bits (90% below 58), while the nearest unrelated descriptor lies at 53-72 bits (median 62): 0.7
  // passes a typical true match (36/62 = 0.58) and rejects a keypoint with a second candidate within 30% of
  // the first (ambiguous, typical of repeated texture). Amerini et al. (2011) use 0.5 for SIFT's Euclidean
  // distances, whose ratios spread wider than Hamming ones.
  ratio: 0.7,
  // 64 of 256 bits (25%): keeps ~all true matches measured above (90% below 58 bits) and cuts about half of
  // the unrelated nearest neighbours (median 62); the ratio test removes most of the rest.
  maxHamming: 64,
  // 16 px: below it even small ORB patches overlap; the per-pair rule (patch diameters) applies above it.
  minMatchDistance: 16,
  // 3 px: ORB keypoints are localised to ~1 px at their pyramid level (1.2^level px in the working image);
  // 3 px admits the first levels while a random match lands within 3 px of a prediction with probability
  // ~3e-5 in a 1024 x 768 image.
  inlierTolerance: 3,
  // 6: two matches fix a similarity, so four more must agree by chance; with the ~3e-5 chance above and
  // a few hundred matches over a few thousand hypotheses, that happens far less than once per image.
  minInliers: 6,
  // 0.8 over 7x7: a resampled (rotated, rescaled) and recompressed copy keeps NCC above ~0.9 on texture,
  // while neighbouring unrelated texture is near 0; 0.8 leaves margin for JPEG at quality ~75.
  minCorrelation: 0.8,
  // 16 px with 4x4 cells of 4x4 px: Fridrich et al. (2003) use 16 px blocks; the cell means are the block's
  // lowest frequencies (a 4x4 DCT of them is its 4x4 low-frequency DCT), robust to noise and recompression.
  blockSize: 16,
  // 2 px: Fridrich et al. use every position; every second one costs a quarter as much, and a shift that
  // falls between positions is matched one pixel off, which smooth content (the blocks' job) tolerates.
  blockStep: 2,
  // 1.5 levels: after area downscaling, sensor noise is well under 1 level and JPEG quantization moves cell
  // means by ~1 level; a block whose cell means vary less than this around their plane (sky, white card
  // background, a smooth gradient) holds no structure and would match every other such block.
  minBlockTexture: 1.5,
  // 0.05: edges and bands (a lit shelf edge, a line of print) measure 0.003-0.03 and match themselves along
  // their own direction; 90% of the blocks of textured or blotchy surfaces measure above 0.06.
  minBlockIsotropy: 0.05,
  // 1.5 levels mean absolute difference: re-compression and resampling of a copy move cell means by
  // about a level; unrelated textured blocks differ by several.
  blockTolerance: 1.5,
  // 0.5: a copy's partner differs by recompression noise only (~0.3 levels), an unrelated lookalike by about
  // the tolerance; smooth surfaces, whose blocks resemble many places about equally, fail the test.
  blockRatio: 0.5,
  // 32 blocks at step 2: chance groups on 36 generated smooth surfaces (no copy) reached 16-26 blocks at a
  // threshold of 16, none at 32; a copy then needs ~28 px across at the block scale (~220 px in a 12 MP photo).
  minBlockSupport: 32,
};

/** Defaults overridden by the given values; throws a RangeError for values outside their valid range. */
export function resolveCopyMoveOptions(options: Partial<CopyMoveOptions> = {}): CopyMoveOptions {
  const o = { ...DEFAULT_COPY_MOVE_OPTIONS, ...options };
  const check = (name: keyof CopyMoveOptions, min: number, max: number) => {
    const v = o[name];
    if (!Number.isFinite(v) || v < min || v > max) throw new RangeError(`copy-move option ${name}=${v} outside [${min}, ${max}]`);
  };
  check('keypointLongSide', 128, 4096);
  check('blockLongSide', 64, 2048);
  check('mapLongSide', 32, 4096);
  check('maxKeypoints', 50, 20000);
  check('fastThreshold', 1, 100);
  check('ratio', 0.05, 1);
  check('maxHamming', 1, 256);
  check('minMatchDistance', 1, 1000);
  check('inlierTolerance', 0.25, 50);
  check('minInliers', 3, 1000);
  check('minCorrelation', -1, 1);
  check('blockSize', 8, 64);
  check('blockStep', 1, 8);
  check('minBlockTexture', 0, 100);
  check('minBlockIsotropy', 0, 1);
  check('blockTolerance', 0, 64);
  check('blockRatio', 0.01, 1);
  check('minBlockSupport', 1, 1_000_000);
  if (o.blockSize % 4 !== 0) throw new RangeError(`copy-move option blockSize=${o.blockSize} must be a multiple of 4 (4x4 cells)`);
  return o;
}
