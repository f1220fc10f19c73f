import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers';

/**
 * Corpus tier: real third-party files (../shared/corpus/dev) against independent oracles: exiftool for
 * Make, Model, DateTimeOriginal and GPS, sha256sum for hashes. Reports itself skipped where the corpus
 * or the oracles are absent; the core suite never depends on it.
 */
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');
const hasExiftool = spawnSync('exiftool', ['-ver']).status === 0;
const hasSha256sum = spawnSync('sha256sum', ['--version']).status === 0;
const available = existsSync(CORPUS) && hasExiftool && hasSha256sum;

interface CliItem {
  originalPath: string;
  sha256: string | null;
  exif: { make: string | null; model: string | null; dateTimeOriginal: string | null; gpsLatitude: number | null; gpsLongitude: number | null };
}

describe.skipIf(!available)('development corpus against exiftool and sha256sum', () => {
  it('agrees on every value exiftool reports, and on every SHA-256', () => {
    const caseDir = path.join(tempDir('corpus'), 'case');
    expect(runCli(['case', 'create', caseDir, '--title', 'Corpus tier']).status).toBe(0);
    const ingest = runCli(['ingest', caseDir, CORPUS, '--reference-in-place', '--exhibit', 'corpus']);
    expect(ingest.status, ingest.stderr).toBe(0);
    const listed = runCli(['items', caseDir, '--json']);
    const items = new Map((JSON.parse(listed.stdout) as CliItem[]).map((item) => [item.originalPath, item]));

    const oracle = JSON.parse(
      execFileSync('exiftool', ['-j', '-n', '-r', '-EXIF:Make', '-EXIF:Model', '-EXIF:DateTimeOriginal', '-Composite:GPSLatitude', '-Composite:GPSLongitude', CORPUS], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as Record<string, unknown>[];
    const mismatches: string[] = [];
    let compared = 0;
    for (const tags of oracle) {
      const file = String(tags.SourceFile);
      const item = items.get(file);
      if (!item) {
        mismatches.push(`${file}: not ingested`);
        continue;
      }
      const check = (name: string, ours: unknown, theirs: unknown) => {
        if (theirs === undefined) return;
        compared++;
        const same = typeof theirs === 'number' ? typeof ours === 'number' && Math.abs(ours - theirs) < 1e-6 : ours === String(theirs);
        if (!same) mismatches.push(`${path.basename(file)} ${name}: ours ${JSON.stringify(ours)}, exiftool ${JSON.stringify(theirs)}`);
      };
      check('Make', item.exif.make, tags.Make);
      check('Model', item.exif.model, tags.Model);
      const dto = tags.DateTimeOriginal === undefined ? undefined : String(tags.DateTimeOriginal).replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T');
      check('DateTimeOriginal', item.exif.dateTimeOriginal, dto);
      check('GPSLatitude', item.exif.gpsLatitude, tags.GPSLatitude);
      check('GPSLongitude', item.exif.gpsLongitude, tags.GPSLongitude);
    }
    console.log(`corpus tier: ${compared} EXIF values compared with exiftool over ${oracle.length} files, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(50);

    const sums = execFileSync('bash', ['-c', `find "${CORPUS}" -type f -print0 | xargs -0 sha256sum`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    let hashed = 0;
    for (const line of sums.trim().split('\n')) {
      const [sum, ...rest] = line.split('  ');
      expect(items.get(rest.join('  '))?.sha256, rest.join('  ')).toBe(sum);
      hashed++;
    }
    expect(hashed).toBe(items.size);
  });
});
