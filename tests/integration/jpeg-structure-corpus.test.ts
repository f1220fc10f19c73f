import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseJpegStructure } from '../../native/engine/forensics/jpeg';

/**
 * Corpus tier for the JPEG structure kernel: every JPEG of ../shared/corpus/dev parsed and compared with
 * exiftool, an independent reader. Frame facts (size, YCbCr subsampling, encoding process) must agree
 * everywhere; the quality must agree wherever exiftool's JPEGDigest names IJG ("Standard" / Independent
 * JPEG Group) tables. Other encoder names are counted, not asserted: our reference set was partly built
 * from these same files, so agreement there is not independent.
 */
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');
const hasExiftool = spawnSync('exiftool', ['-ver']).status === 0;
const available = existsSync(CORPUS) && hasExiftool;

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });

const exiftool = (args: string[], files: string[]): Record<string, unknown>[] =>
  JSON.parse(execFileSync('exiftool', ['-j', ...args, ...files], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] })) as Record<string, unknown>[];

/** exiftool's name for IJG tables: "Independent JPEG Group library (used by many applications), Quality 75" (older: "Standard Quality 75"). */
const IJG_NAME = /(?:Independent JPEG Group library.*|Standard) Quality (\d+)/;

describe.skipIf(!available)('JPEG structure against exiftool on the development corpus', () => {
  it('agrees on frame facts everywhere and on IJG quality wherever exiftool names IJG tables', () => {
    const files = walk(CORPUS).filter((file) => {
      const head = readFileSync(file).subarray(0, 3);
      return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    });
    expect(files.length).toBeGreaterThan(0);
    const numeric = new Map(exiftool(['-n', '-File:ImageWidth', '-File:ImageHeight', '-File:YCbCrSubSampling', '-File:EncodingProcess'], files).map((t) => [path.resolve(String(t.SourceFile)), t]));
    const named = new Map(exiftool(['-JPEGDigest', '-JPEGQualityEstimate'], files).map((t) => [path.resolve(String(t.SourceFile)), t]));

    const mismatches: string[] = [];
    const estimateDisagreements: string[] = [];
    const counts = { files: files.length, frameValues: 0, ijgNamed: 0, ijgAgree: 0, otherNamed: 0, otherExactReference: 0, otherNamedButIjgHere: 0, unknownDigest: 0, unknownButIjgHere: 0, qualityEstimateCompared: 0, qualityEstimateAgree: 0 };
    for (const file of files) {
      const name = path.relative(CORPUS, file);
      const result = analyseJpegStructure(readFileSync(file));
      const frame = result.structure.frame;
      const tags = numeric.get(path.resolve(file)) ?? {};
      const check = (what: string, ours: unknown, theirs: unknown) => {
        if (theirs === undefined) return;
        counts.frameValues++;
        if (String(ours) !== String(theirs)) mismatches.push(`${name} ${what}: ours ${String(ours)}, exiftool ${String(theirs)}`);
      };
      check('ImageWidth', frame?.width, tags.ImageWidth);
      check('ImageHeight', frame?.height, tags.ImageHeight);
      check('YCbCrSubSampling', frame?.ycbcrSubsampling?.join(' '), tags.YCbCrSubSampling);
      check('EncodingProcess', frame?.encodingProcess, tags.EncodingProcess);

      const digest = String(named.get(path.resolve(file))?.JPEGDigest ?? '');
      const ijg = IJG_NAME.exec(digest);
      const quality = result.quality.overall;
      if (ijg) {
        counts.ijgNamed++;
        const agrees = quality?.exact === true && quality.quality === Number(ijg[1]) && result.encoder?.exact.some((c) => c.family === 'ijg' && c.quality === Number(ijg[1])) === true;
        if (agrees) counts.ijgAgree++;
        else mismatches.push(`${name} JPEGDigest "${digest}": ours quality ${quality?.quality} exact ${quality?.exact}`);
      } else if (digest.startsWith('Unknown')) {
        counts.unknownDigest++;
        if (quality?.exact) counts.unknownButIjgHere++;
      } else if (digest !== '' && digest !== '-') {
        counts.otherNamed++;
        if ((result.encoder?.exact.length ?? 0) > 0) counts.otherExactReference++;
        if (quality?.exact) counts.otherNamedButIjgHere++; // exiftool names a device whose tables are IJG-scaled
      }
      const estimate = Number(named.get(path.resolve(file))?.JPEGQualityEstimate);
      if (quality?.exact && Number.isFinite(estimate)) {
        counts.qualityEstimateCompared++;
        if (estimate === quality.quality) counts.qualityEstimateAgree++;
        else estimateDisagreements.push(`${path.basename(file)}: exact IJG ${quality.quality}, JPEGQualityEstimate ${estimate}`);
      }
    }
    console.log(`jpeg structure corpus tier: ${JSON.stringify(counts)}; JPEGQualityEstimate differs: ${estimateDisagreements.join(' | ') || 'never'}; mismatches: ${mismatches.length ? mismatches.join(' | ') : 'none'}`);
    expect(counts.frameValues).toBeGreaterThan(counts.files * 2);
    expect(counts.ijgNamed).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
  });
});
