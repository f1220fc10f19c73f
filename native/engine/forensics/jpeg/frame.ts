/**
 * Marker names (T.81 Table B.1) and the frame header (SOFn, T.81 B.2.2): size, precision, components,
 * sampling factors and the chroma subsampling they imply.
 */
import type { FrameComponent, JpegFrame } from './types';

const SOF_PROCESS: Readonly<Record<number, string>> = {
  0xc0: 'baseline DCT, Huffman',
  0xc1: 'extended sequential DCT, Huffman',
  0xc2: 'progressive DCT, Huffman',
  0xc3: 'lossless, Huffman',
  0xc5: 'differential sequential DCT, Huffman',
  0xc6: 'differential progressive DCT, Huffman',
  0xc7: 'differential lossless, Huffman',
  0xc9: 'extended sequential DCT, arithmetic',
  0xca: 'progressive DCT, arithmetic',
  0xcb: 'lossless, arithmetic',
  0xcd: 'differential sequential DCT, arithmetic',
  0xce: 'differential progressive DCT, arithmetic',
  0xcf: 'differential lossless, arithmetic',
};

const NAMED: Readonly<Record<number, string>> = {
  0xc4: 'DHT',
  0xc8: 'JPG',
  0xcc: 'DAC',
  0xd8: 'SOI',
  0xd9: 'EOI',
  0xda: 'SOS',
  0xdb: 'DQT',
  0xdc: 'DNL',
  0xdd: 'DRI',
  0xde: 'DHP',
  0xdf: 'EXP',
  0xfe: 'COM',
  0x01: 'TEM',
};

/** True for the start-of-frame markers SOF0..SOF15 (0xC4 DHT, 0xC8 JPG and 0xCC DAC excluded). */
export function isSof(marker: number): boolean {
  return SOF_PROCESS[marker] !== undefined;
}

/** Short marker name: SOF0, DHT, APP1, RST3, JPG13, ... */
export function markerName(marker: number): string {
  if (isSof(marker)) return `SOF${marker - 0xc0}`;
  const named = NAMED[marker];
  if (named) return named;
  if (marker >= 0xd0 && marker <= 0xd7) return `RST${marker - 0xd0}`;
  if (marker >= 0xe0 && marker <= 0xef) return `APP${marker - 0xe0}`;
  if (marker >= 0xf0 && marker <= 0xfd) return `JPG${marker - 0xf0}`;
  return `0x${marker.toString(16).padStart(2, '0').toUpperCase()}`;
}

/**
 * Chroma subsampling from sampling factors. For Y'CbCr (3 components, both chroma components sampled
 * alike) the J:a:b name follows the luma/chroma factor ratios: 1x1 4:4:4, 2x1 4:2:2, 2x2 4:2:0, 1x2 4:4:0,
 * 4x1 4:1:1, 4x2 4:1:0. Anything else is listed as the raw factors.
 */
export function subsamplingName(components: readonly FrameComponent[]): string {
  const raw = components.map((c) => `${c.h}x${c.v}`).join(',');
  if (components.length === 1) return 'gray';
  const [y, cb, cr] = components;
  if (components.length !== 3 || !y || !cb || !cr || cb.h !== cr.h || cb.v !== cr.v || y.h % cb.h !== 0 || y.v % cb.v !== 0) return raw;
  const key = `${y.h / cb.h}x${y.v / cb.v}`;
  const names: Readonly<Record<string, string>> = { '1x1': '4:4:4', '2x1': '4:2:2', '2x2': '4:2:0', '1x2': '4:4:0', '4x1': '4:1:1', '4x2': '4:1:0' };
  return names[key] ?? raw;
}

/** Parses an SOFn payload (after the length field); returns an error text when it is malformed. */
export function parseFrame(marker: number, payload: Uint8Array): JpegFrame | string {
  if (payload.length < 6) return `frame header of ${payload.length} bytes, 6 at least expected`;
  const precision = payload[0] as number;
  const height = ((payload[1] as number) << 8) | (payload[2] as number);
  const width = ((payload[3] as number) << 8) | (payload[4] as number);
  const count = payload[5] as number;
  if (payload.length < 6 + count * 3) return `frame header declares ${count} components but holds ${Math.floor((payload.length - 6) / 3)}`;
  const components: FrameComponent[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 3;
    const sampling = payload[at + 1] as number;
    components.push({ id: payload[at] as number, h: sampling >> 4, v: sampling & 15, quantTableId: payload[at + 2] as number });
  }
  let ycbcr: readonly [number, number] | null = null;
  if (count === 3) {
    // exiftool's YCbCrSubSampling: largest over smallest factor, per axis.
    const hs = components.map((c) => c.h);
    const vs = components.map((c) => c.v);
    const hMin = Math.min(...hs);
    const vMin = Math.min(...vs);
    if (hMin > 0 && vMin > 0) ycbcr = [Math.max(...hs) / hMin, Math.max(...vs) / vMin];
  }
  return {
    marker,
    process: SOF_PROCESS[marker] ?? 'unknown',
    encodingProcess: marker - 0xc0,
    precision,
    width,
    height,
    components,
    subsampling: subsamplingName(components),
    ycbcrSubsampling: ycbcr,
    progressive: marker === 0xc2 || marker === 0xc6 || marker === 0xca || marker === 0xce,
    arithmetic: marker >= 0xc9,
  };
}
