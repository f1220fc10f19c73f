/**
 * Forensic maps as the case stores them: 8-bit grey levels over the map's stated display range, in a
 * lossless PNG. The CLI and fusion use the same quantised form, so a fused result is the same whether its
 * inputs were just computed or read back from a case.
 *
 * Level 0 is the low end of `scale.range`, 255 the high end; values outside the range are clipped (the
 * range is chosen by each kernel to cover what it measures; see its TSDoc). `higherIsSuspicious` is kept,
 * so a reader knows which end points at manipulation.
 */
import sharp from 'sharp';
import type { ForensicMap } from './types';

export interface QuantizedMap {
  readonly width: number;
  readonly height: number;
  readonly cellSize: number;
  readonly levels: Uint8Array;
  readonly scale: ForensicMap['scale'];
}

/**
 * Longest side of a stored map: 2048 cells. A 12 MP pixel map is pooled 2x2 (a 16 px feature stays 8
 * cells wide, still visible in the viewer and in fusion's 8 px grid) and stays a few MB as PNG, where
 * the full-resolution residual would cost 5-10 MB per map per item in a case of thousands of photos.
 */
export const STORED_MAP_MAX_SIDE = 2048;

/**
 * 8-bit levels of a map over its display range, pooled by an integer factor when its long side exceeds
 * `maxSide`. Pooling keeps the most suspicious value of each block of cells (max, or min when lower
 * values are the suspicious ones), so a small bright spot survives; `cellSize` grows by the factor.
 */
export function quantizeMap(map: ForensicMap, maxSide: number = STORED_MAP_MAX_SIDE): QuantizedMap {
  const [low, high] = map.scale.range;
  const span = high - low;
  if (!(span > 0)) throw new RangeError(`map range [${low}, ${high}] is empty`);
  const factor = Math.max(1, Math.ceil(Math.max(map.width, map.height) / maxSide));
  const width = Math.ceil(map.width / factor);
  const height = Math.ceil(map.height / factor);
  const levels = new Uint8Array(width * height);
  const gain = 255 / span;
  const higher = map.scale.higherIsSuspicious;
  const toLevel = (value: number) => {
    const v = (value - low) * gain;
    // NaN (a cell the kernel could not measure) reads as the least suspicious end.
    if (Number.isNaN(v)) return higher ? 0 : 255;
    return v >= 255 ? 255 : v > 0 ? Math.round(v) : 0;
  };
  if (factor === 1) {
    for (let i = 0; i < levels.length; i++) levels[i] = toLevel(map.data[i] ?? Number.NaN);
  } else {
    // Pool the raw values first (NaN never wins a comparison), then quantise once per cell.
    const pooled = new Float32Array(width * height).fill(Number.NaN);
    const data = map.data;
    for (let y = 0; y < map.height; y++) {
      const row = Math.floor(y / factor) * width;
      const offset = y * map.width;
      for (let x = 0; x < map.width; x++) {
        const value = data[offset + x]!;
        const cell = row + ((x / factor) | 0);
        const current = pooled[cell]!;
        if (!(current === current) || (higher ? value > current : value < current)) pooled[cell] = value;
      }
    }
    for (let i = 0; i < levels.length; i++) levels[i] = toLevel(pooled[i]!);
  }
  return { width, height, cellSize: map.cellSize * factor, levels, scale: map.scale };
}

/** Per-cell suspicion in [0, 1]: the level read so that 1 is the suspicious end of the scale. */
export function suspicion(map: QuantizedMap): Float32Array {
  const out = new Float32Array(map.levels.length);
  const invert = !map.scale.higherIsSuspicious;
  for (let i = 0; i < out.length; i++) out[i] = invert ? 1 - map.levels[i]! / 255 : map.levels[i]! / 255;
  return out;
}

/** What `meta` of a stored map artifact holds. */
export function mapMeta(map: QuantizedMap, imageWidth: number, imageHeight: number): Record<string, unknown> {
  return { cellSize: map.cellSize, unit: map.scale.unit, range: map.scale.range, higherIsSuspicious: map.scale.higherIsSuspicious, imageWidth, imageHeight };
}

export async function encodeMapPng(map: QuantizedMap): Promise<Buffer> {
  return sharp(Buffer.from(map.levels.buffer, map.levels.byteOffset, map.levels.byteLength), { raw: { width: map.width, height: map.height, channels: 1 } })
    .toColourspace('b-w')
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** Read a stored map back from its PNG and `meta`. */
export async function decodeMapPng(png: Buffer, meta: Readonly<Record<string, unknown>>): Promise<QuantizedMap> {
  const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const range = meta.range as [number, number];
  return {
    width: info.width,
    height: info.height,
    cellSize: Number(meta.cellSize ?? 1),
    levels: new Uint8Array(data.buffer, data.byteOffset, data.length),
    scale: { unit: String(meta.unit ?? ''), range, higherIsSuspicious: meta.higherIsSuspicious !== false },
  };
}
