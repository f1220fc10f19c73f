/**
 * The `forensics` part of `caselens check`: the whole kernel suite on one image, as contract JSON, plus
 * the optional map files (`--maps <dir>`) and fused mask (`--mask-out <dir>`).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { caseSeverity } from '../analysers/forensics/drafts';
import { decodeForensicInput } from '../forensics/input';
import { uprightBox, uprightRaster } from '../forensics/orientation';
import type { ForensicPool } from '../forensics/pool/pool';
import { quantizeMap, type QuantizedMap } from '../forensics/stored-map';
import { runForensicSuite, type SuiteResult } from '../forensics/suite';

export interface ForensicsOutputs {
  /** Folder for every kernel map as PNG (`<basename>.<kernel>.<map>.png`, plus `<basename>.fused.png`). */
  readonly mapsDir?: string;
  /** Folder for the fused localisation mask (`<basename>.mask.png`, same size as the input, upright). */
  readonly maskDir?: string;
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

function suiteJson(suite: SuiteResult, width: number, height: number, orientation: number) {
  const findings = suite.kernels.flatMap((k) =>
    (k.result?.indicators ?? []).map((indicator) => {
      const region = indicator.region ? uprightBox(indicator.region, width, height, orientation) : null;
      return {
        analyser: `forensics.${k.kernel.id}`,
        version: k.kernel.version,
        kind: indicator.kind,
        severity: caseSeverity(indicator.severity),
        score: round(indicator.score),
        region: region ? { x: Math.round(region.x), y: Math.round(region.y), width: Math.round(region.width), height: Math.round(region.height) } : null,
        summary: indicator.summary,
        attributes: indicator.attributes,
      };
    }),
  );
  return {
    score: round(suite.fusion.score),
    calibration: suite.fusion.calibration,
    reasons: suite.fusion.reasons.map((r) => ({ analyser: `forensics.${r.kernelId}`, score: round(r.score), weight: round(r.weight), contribution: round(r.contribution) })),
    findings,
    analysers: suite.kernels.map((k) => ({
      analyser: `forensics.${k.kernel.id}`,
      version: k.kernel.version,
      status: k.status,
      reason: k.reason,
      score: k.result?.score === null || k.result?.score === undefined ? null : round(k.result.score),
      parameters: k.kernel.parameters,
      ms: Math.round(k.ms),
    })),
  };
}

async function writeMap(file: string, map: QuantizedMap, orientation: number): Promise<void> {
  const upright = uprightRaster(map.levels, map.width, map.height, orientation);
  await fs.writeFile(file, await sharp(Buffer.from(upright.data), { raw: { width: upright.width, height: upright.height, channels: 1 } }).toColourspace('b-w').png().toBuffer());
}

/** The fused map at the input's pixel size (each 8x8 cell's value over its pixels), upright. */
async function writeMask(file: string, suite: SuiteResult, width: number, height: number, orientation: number): Promise<void> {
  const fused = quantizeMap(suite.fusion.map, Number.POSITIVE_INFINITY);
  const cell = fused.cellSize;
  const stored = await sharp(Buffer.from(fused.levels), { raw: { width: fused.width, height: fused.height, channels: 1 } })
    // Nearest neighbour: a cell is one measurement; interpolating would invent detail it does not have.
    .resize(fused.width * cell, fused.height * cell, { kernel: 'nearest' })
    .extract({ left: 0, top: 0, width, height })
    .raw()
    .toBuffer();
  const upright = uprightRaster(new Uint8Array(stored.buffer, stored.byteOffset, stored.length), width, height, orientation);
  await fs.writeFile(file, await sharp(Buffer.from(upright.data), { raw: { width: upright.width, height: upright.height, channels: 1 } }).toColourspace('b-w').png().toBuffer());
}

export async function checkForensics(pool: ForensicPool, file: string, bytes: Buffer, outputs: ForensicsOutputs) {
  const input = await decodeForensicInput(bytes);
  const { width, height } = input.rgb;
  const suite = await runForensicSuite(pool, input);
  const base = path.basename(file);
  if (outputs.mapsDir) {
    await fs.mkdir(outputs.mapsDir, { recursive: true });
    for (const k of suite.kernels) {
      for (const [name, map] of Object.entries(k.maps)) await writeMap(path.join(outputs.mapsDir, `${base}.${k.kernel.id}.${name}.png`), map, input.orientation);
    }
    await writeMap(path.join(outputs.mapsDir, `${base}.fused.png`), quantizeMap(suite.fusion.map), input.orientation);
  }
  if (outputs.maskDir) {
    await fs.mkdir(outputs.maskDir, { recursive: true });
    await writeMask(path.join(outputs.maskDir, `${base}.mask.png`), suite, width, height, input.orientation);
  }
  return suiteJson(suite, width, height, input.orientation);
}
