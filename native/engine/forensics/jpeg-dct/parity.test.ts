/**
 * Parity of the two DCT-coefficient readers: the libjpeg-turbo addon and its TypeScript twin must return
 * bit-identical coefficients, tables and geometry for every kind of JPEG, and refuse the same input.
 * JPEGs come from sharp, from libjpeg-turbo's own cjpeg/jpegtran (restart markers, odd sampling,
 * arithmetic coding) and, when present, from the shared corpus of real camera and editor files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  JpegDctError,
  nativeDctAvailable,
  nativeDctUnavailableReason,
  readDctCoefficientsNative,
  readDctCoefficientsTs,
  type DctCoefficients,
} from './index';

const CORPUS = path.resolve(__dirname, '../../../../../shared/corpus/dev');
const hasTool = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

function expectSame(a: DctCoefficients, b: DctCoefficients, label: string, compareWarnings: boolean): void {
  expect({ w: a.width, h: a.height, p: a.progressive, n: a.components.length }, label).toEqual({
    w: b.width,
    h: b.height,
    p: b.progressive,
    n: b.components.length,
  });
  a.components.forEach((ca, i) => {
    const cb = b.components[i]!;
    const geometry = (c: typeof ca) => [c.id, c.h, c.v, c.widthInBlocks, c.heightInBlocks, c.blocksWide, c.blocksHigh];
    expect(geometry(ca), `${label} component ${i} geometry`).toEqual(geometry(cb));
    expect(Array.from(ca.quantTable), `${label} component ${i} table`).toEqual(Array.from(cb.quantTable));
    const bytesA = Buffer.from(ca.coefficients.buffer, ca.coefficients.byteOffset, ca.coefficients.byteLength);
    const bytesB = Buffer.from(cb.coefficients.buffer, cb.coefficients.byteOffset, cb.coefficients.byteLength);
    expect(bytesA.equals(bytesB), `${label} component ${i} coefficients`).toBe(true);
  });
  if (compareWarnings) expect(a.warnings.length > 0, `${label} warnings present`).toBe(b.warnings.length > 0);
}

function outcome(read: () => DctCoefficients): DctCoefficients | string {
  try {
    return read();
  } catch (error) {
    expect(error).toBeInstanceOf(JpegDctError);
    return 'refused';
  }
}

/**
 * `compareWarnings: false` for damaged entropy data: libjpeg-turbo's fast Huffman path decodes some bad
 * codes without a warning where the TypeScript reader says "bad Huffman code" (types.ts, `warnings`).
 */
function expectParity(bytes: Uint8Array, label: string, compareWarnings = true): DctCoefficients | string {
  const native = outcome(() => readDctCoefficientsNative(bytes));
  const ts = outcome(() => readDctCoefficientsTs(bytes));
  if (typeof native === 'string' || typeof ts === 'string') expect(ts, `${label} refusal`).toBe(native);
  else expectSame(native, ts, label, compareWarnings);
  return ts;
}

/** A photo-like test image: smooth gradients plus texture, so every frequency is used. */
async function scene(width: number, height: number): Promise<Sharp> {
  const noise = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 45 } } })
    .blur(1.2)
    .png()
    .toBuffer();
  return sharp(await sharp(noise).linear([0.7, 0.9, 1.1], [20, 0, -10]).png().toBuffer());
}

describe.skipIf(!nativeDctAvailable())('JPEG DCT readers agree bit for bit', () => {
  it('on sharp baseline, progressive, subsampled, grayscale and odd-sized JPEGs', async () => {
    const cases: Array<[string, (s: Sharp) => Sharp, number, number]> = [
      ['baseline 4:2:0 q90', (s) => s.jpeg({ quality: 90 }), 640, 480],
      ['baseline 4:4:4 q75', (s) => s.jpeg({ quality: 75, chromaSubsampling: '4:4:4' }), 333, 211],
      ['progressive q60', (s) => s.jpeg({ quality: 60, progressive: true }), 500, 375],
      ['optimised huffman q95', (s) => s.jpeg({ quality: 95, optimiseCoding: true }), 257, 129],
      ['mozjpeg trellis', (s) => s.jpeg({ quality: 80, mozjpeg: true }), 400, 300],
      ['grayscale', (s) => s.greyscale().jpeg({ quality: 85 }), 123, 77],
      ['1x1', (s) => s.jpeg({ quality: 90 }), 1, 1],
      ['17x9 4:2:0', (s) => s.jpeg({ quality: 90 }), 17, 9],
    ];
    for (const [label, encode, width, height] of cases) {
      const bytes = await encode(await scene(width, height)).toBuffer();
      const result = expectParity(bytes, label);
      expect(typeof result, label).not.toBe('string');
    }
  });

  it.skipIf(!hasTool('cjpeg') || !hasTool('jpegtran'))('on cjpeg restart markers, 2x1 sampling, and refuses arithmetic coding', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'caselens-dct-'));
    const ppm = path.join(dir, 'in.ppm');
    writeFileSync(ppm, Buffer.concat([Buffer.from('P6\n301 203\n255\n'), await (await scene(301, 203)).raw().toBuffer()]));
    const cjpeg = (...args: string[]) => execFileSync('cjpeg', [...args, ppm]);
    expect(typeof expectParity(cjpeg('-restart', '3B', '-quality', '88'), 'restart every 3 MCUs')).not.toBe('string');
    expect(typeof expectParity(cjpeg('-sample', '2x1', '-quality', '70'), 'sampling 2x1')).not.toBe('string');
    expect(typeof expectParity(cjpeg('-progressive', '-restart', '1', '-quality', '92'), 'progressive with restarts')).not.toBe('string');
    const arithmetic = execFileSync('jpegtran', ['-arithmetic'], { input: cjpeg('-quality', '80') });
    expect(expectParity(arithmetic, 'arithmetic')).toBe('refused');
  });

  it('on damaged files: truncated and with corrupted entropy data', async () => {
    const whole = await (await scene(320, 240)).jpeg({ quality: 85 }).toBuffer();
    const progressive = await (await scene(320, 240)).jpeg({ quality: 85, progressive: true }).toBuffer();
    for (const [label, source] of [['baseline', whole], ['progressive', progressive]] as const) {
      for (const fraction of [0.3, 0.7, 0.98]) {
        const result = expectParity(source.subarray(0, Math.floor(source.length * fraction)), `${label} truncated at ${fraction}`);
        if (typeof result !== 'string') expect(result.warnings.length).toBeGreaterThan(0);
      }
      // Deterministic byte damage in the middle of the entropy-coded data.
      const damaged = Buffer.from(source);
      for (let i = 0; i < 12; i++) {
        const at = Math.floor(damaged.length * (0.4 + i * 0.03));
        damaged[at] = (damaged[at] ?? 0) ^ 0x5a;
      }
      expectParity(damaged, `${label} with flipped bytes`, false);
    }
  });

  it('refuses hostile headers and non-JPEG bytes the same way', async () => {
    const small = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    const huge = Buffer.from(small);
    const sof = huge.indexOf(Buffer.from([0xff, 0xc0]));
    huge.writeUInt16BE(65500, sof + 5);
    huge.writeUInt16BE(65500, sof + 7);
    expect(expectParity(huge, '65500x65500 header')).toBe('refused');
    expect(() => readDctCoefficientsTs(huge)).toThrow(/over the limit/);
    expect(expectParity(Buffer.from('not a jpeg at all'), 'text')).toBe('refused');
    expect(expectParity(await sharp(small).png().toBuffer(), 'png')).toBe('refused');
  });

  it.skipIf(!existsSync(CORPUS))('on every JPEG of the shared corpus', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.jpe?g$/i.test(name)) files.push(full);
      }
    };
    walk(CORPUS);
    expect(files.length).toBeGreaterThan(10);
    let decoded = 0;
    for (const file of files) if (typeof expectParity(readFileSync(file), path.relative(CORPUS, file)) !== 'string') decoded++;
    expect(decoded).toBeGreaterThan(files.length / 2);
  });
});

describe.skipIf(nativeDctAvailable())('JPEG DCT addon not built', () => {
  it('says why, and the TypeScript reader still works', async () => {
    expect(nativeDctUnavailableReason()).toMatch(/not found|cannot load|disabled/);
    const bytes = await sharp({ create: { width: 24, height: 16, channels: 3, background: '#336699' } }).jpeg().toBuffer();
    expect(readDctCoefficientsTs(bytes).components).toHaveLength(3);
  });
});
