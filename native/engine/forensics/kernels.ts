/**
 * The forensic kernels CaseLens runs, in a fixed order (no directory scanning: it survives bundling).
 * Each entry fixes the kernel's parameters and version; the pipeline analyser `forensics.<id>` and
 * `caselens check` run exactly these. Documentation of each (what it detects, known false positives,
 * reference): docs/FORENSICS.md.
 */
import { DEFAULT_COPY_MOVE_OPTIONS, detectCopyMove } from './copy-move';
import { analyzeAlignedDoubleQuantization, analyzeBlockArtifactGrid, analyzeDctBlocking, analyzeGridShift } from './dct';
import { analyseJpegStructure } from './jpeg';
import { analyseMetadata, EDITOR_SOFTWARE_VERSION } from './metadata';
import { anyFormat, jpegOnly, type KernelSpec } from './kernel-spec';
import { errorLevelAnalysis, jpegGhosts, noiseInconsistency, type ElaOptions, type GhostOptions, type NoiseOptions } from './maps';

const ELA: ElaOptions = { quality: 90, chromaSubsampling: '4:2:0', channelReduce: 'mean', scale: 1, blockSize: 16 };
const GHOSTS: GhostOptions = { qualities: [50, 55, 60, 65, 70, 75, 80, 85, 90, 95], windowSize: 16 };
const NOISE: NoiseOptions = { blockSize: 32 };

/**
 * The structure kernel describes rather than scores; for fusion its score is the strongest of its
 * notice-level indicators (editor tables, unexplained trailing data, missing EOI, damage), 0 if none.
 */
function structureScore(indicators: readonly { severity: string; score: number }[]): number {
  return indicators.reduce((best, i) => (i.severity === 'info' ? best : Math.max(best, i.score)), 0);
}

export const KERNELS: readonly KernelSpec[] = [
  {
    id: 'jpeg-structure',
    version: '1.0.0',
    title: 'JPEG structure, quality and encoder family',
    reference: 'ITU-T T.81 Annex B/K; libjpeg jcparam.c quality scaling; table set built by scripts/build-jpeg-signatures.ts',
    parameters: {},
    notApplicable: jpegOnly,
    run: async (input) => {
      const { structure: _structure, quality, encoder, ...result } = analyseJpegStructure(input.bytes);
      return {
        ...result,
        score: structureScore(result.indicators),
        metrics: { ...result.metrics, quality: quality.overall, encoder: encoder ? { exact: encoder.exact.slice(0, 3), nearest: encoder.nearest.slice(0, 3) } : null },
      };
    },
  },
  {
    id: 'metadata',
    version: '1.0.0',
    title: 'Metadata consistency and embedded thumbnails',
    reference: 'EXIF 2.32 (CIPA DC-008), XMP (ISO 16684-1) and DOMAIN.md section 4; thumbnail comparison as in Kee & Farid, "Digital image authentication from thumbnails", SPIE 2010',
    parameters: { editorSoftwareList: EDITOR_SOFTWARE_VERSION },
    notApplicable: anyFormat,
    run: (input) => analyseMetadata(input.bytes, { width: input.rgb.width, height: input.rgb.height, rgb: input.rgb }),
  },
  {
    id: 'ela',
    version: '1.0.0',
    title: 'Error level analysis',
    reference: 'Krawetz, "A picture\'s worth", Black Hat 2007; map as pyIFD ELA (Zampoglou et al. 2017)',
    parameters: { ...ELA },
    notApplicable: anyFormat,
    run: (input) => errorLevelAnalysis(input.rgb, ELA),
  },
  {
    id: 'ghosts',
    version: '1.0.0',
    title: 'JPEG ghosts',
    reference: 'Farid, "Exposing digital forgeries from JPEG ghosts", IEEE TIFS 4(1), 2009',
    parameters: { ...GHOSTS },
    notApplicable: anyFormat,
    run: async (input) => jpegGhosts(input.gray, GHOSTS),
  },
  {
    id: 'noise',
    version: '1.0.0',
    title: 'Noise-level inconsistency',
    reference: 'Donoho & Johnstone 1994 (MAD noise estimate on the finest diagonal wavelet band); block comparison as in Mahdian & Saic 2009',
    parameters: { ...NOISE },
    notApplicable: anyFormat,
    run: async (input) => noiseInconsistency(input.gray, NOISE),
  },
  {
    id: 'adq',
    version: '1.0.0',
    title: 'Aligned double JPEG compression (DCT histograms)',
    reference: 'Lin, He, Tang & Tang, "Fast, automatic and fine-grained tampered JPEG image detection via DCT coefficient analysis", Pattern Recognition 42(11), 2009 (ADQ1 of the Zampoglou toolbox)',
    parameters: { frequencies: 15 },
    notApplicable: jpegOnly,
    run: async (input) => analyzeAlignedDoubleQuantization(input.bytes),
  },
  {
    id: 'dct-blocking',
    version: '1.0.0',
    title: 'Blocking inconsistency and quantization estimate (DCT)',
    reference: 'Ye, Sun & Chang, "Detecting digital image forgeries by measuring inconsistencies of blocking artifact", ICME 2007',
    parameters: {},
    notApplicable: jpegOnly,
    run: async (input) => analyzeDctBlocking(input.bytes),
  },
  {
    id: 'blk',
    version: '1.0.0',
    title: 'Block artifact grid',
    reference: 'Li, Yuan & Yu, "Passive detection of doctored JPEG image via block artifact grid extraction", Signal Processing 89(9), 2009',
    parameters: {},
    notApplicable: anyFormat,
    run: async (input) => analyzeBlockArtifactGrid(input.rgb),
  },
  {
    id: 'grid-shift',
    version: '1.0.0',
    title: '8x8 grid origin and shifted grids (non-aligned double compression)',
    reference: 'CaseLens method (docs/FORENSICS.md); related: Bianchi & Piva, "Detection of nonaligned double JPEG compression based on integer periodicity maps", IEEE TIFS 7(2), 2012',
    parameters: { windowPx: 72 },
    notApplicable: anyFormat,
    run: async (input) => analyzeGridShift(input.gray),
  },
  {
    id: 'copy-move',
    version: '1.0.0',
    title: 'Copy-move (keypoints and blocks)',
    reference: 'Amerini et al., "A SIFT-based forensic method for copy-move attack detection", IEEE TIFS 6(3), 2011 (g2NN); Fridrich, Soukal & Lukas, "Detection of copy-move forgery in digital images", DFRWS 2003 (blocks); Pan & Lyu 2010 (verification)',
    parameters: { ...DEFAULT_COPY_MOVE_OPTIONS },
    notApplicable: anyFormat,
    run: (input) => detectCopyMove(input.gray),
  },
];

export function kernelById(id: string): KernelSpec {
  const kernel = KERNELS.find((k) => k.id === id);
  if (!kernel) throw new Error(`unknown forensic kernel ${id}`);
  return kernel;
}
