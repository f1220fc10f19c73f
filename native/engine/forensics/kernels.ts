/**
 * The forensic kernels CaseLens runs, in a fixed order (no directory scanning: it survives bundling).
 * Each entry fixes the kernel's parameters and version; the pipeline analyser `forensics.<id>` and
 * `caselens check` run exactly these. Documentation of each (what it detects, known false positives,
 * reference): docs/FORENSICS.md.
 */
import { analyseJpegStructure } from './jpeg';
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
];

export function kernelById(id: string): KernelSpec {
  const kernel = KERNELS.find((k) => k.id === id);
  if (!kernel) throw new Error(`unknown forensic kernel ${id}`);
  return kernel;
}
