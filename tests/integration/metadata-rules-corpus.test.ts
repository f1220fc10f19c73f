import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeForensicInput } from '../../native/engine/forensics/input';
import { analyseMetadata } from '../../native/engine/forensics/metadata';

/**
 * Corpus tier for the metadata kernel: every JPEG of ../shared/corpus/dev analysed; what fires per file
 * and the time per file are printed. The values the rules read (Make, Model, Software, CreatorTool,
 * Orientation, EXIF dates, ExifImageWidth/Height, MakerNote presence) are compared with exiftool, an
 * independent reader, with its group names so that EXIF is compared with EXIF (ExifTool.jpg also has
 * CIFF and FlashPix copies that exiftool would otherwise prefer). Asserted outcomes are facts of the
 * files that exiftool shows: GIMP in Software, Nikon Transfer plus a GPS date a day off on the DSCN
 * files, untouched phone and camera files without notices, no genuine thumbnail flagged.
 */
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');
const hasExiftool = spawnSync('exiftool', ['-ver']).status === 0;

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });

const jpegs = (): string[] =>
  walk(CORPUS)
    .filter((file) => {
      const head = readFileSync(file).subarray(0, 3);
      return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    })
    .sort();

interface Outcome {
  readonly name: string;
  readonly ms: number;
  readonly score: number | null;
  readonly flagged: string[];
  readonly kinds: string[];
  readonly metrics: Record<string, unknown>;
}

async function analyseAll(files: string[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    let input;
    try {
      input = await decodeForensicInput(bytes);
    } catch {
      continue; // undecodable pixels: the forensic pipeline skips such items before any kernel runs
    }
    const started = performance.now();
    const r = await analyseMetadata(bytes, { width: input.rgb.width, height: input.rgb.height, rgb: input.rgb });
    out.push({
      name: path.relative(CORPUS, file),
      ms: performance.now() - started,
      score: r.score,
      flagged: r.indicators.filter((i) => i.severity !== 'info').map((i) => `${i.kind}:${i.severity}`),
      kinds: r.indicators.map((i) => i.kind),
      metrics: r.metrics as Record<string, unknown>,
    });
  }
  return out;
}

/** First 14 digits (YYYYMMDDHHMMSS) of a date in any of EXIF's, XMP's or exiftool's spellings. */
const digits = (v: unknown): string => String(v ?? '').replace(/\D/g, '').slice(0, 14);

describe.skipIf(!existsSync(CORPUS))('metadata rules on the development corpus', () => {
  it('reads what exiftool reads and fires the rules the files call for', async () => {
    const files = jpegs();
    expect(files.length).toBeGreaterThan(0);
    const outcomes = await analyseAll(files);
    const by = new Map(outcomes.map((o) => [o.name, o]));
    for (const o of outcomes) console.log(`${o.name}\t${o.ms.toFixed(0)} ms\tscore ${o.score}\t${o.flagged.join(', ') || '-'}\t[info: ${o.kinds.filter((k) => !o.flagged.some((f) => f.startsWith(`${k}:`))).join(', ')}]`);
    const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    console.log(`metadata kernel: ${outcomes.length} files, median ${times[times.length >> 1]?.toFixed(0)} ms, max ${times[times.length - 1]?.toFixed(0)} ms`);

    const has = (name: string, kind: string) => by.get(name)?.kinds.includes(kind) ?? false;
    expect(has('ianare+exif-samples/jpg/Canon_40D_photoshop_import.jpg', 'metadata.editor-software')).toBe(true);
    for (const n of ['DSCN0010', 'DSCN0012', 'DSCN0021']) {
      const name = `ianare+exif-samples/jpg/gps/${n}.jpg`;
      for (const kind of ['metadata.metadata-utility', 'metadata.dates.modified-after-capture', 'metadata.dates.gps-disagrees']) expect(has(name, kind), `${name} ${kind}`).toBe(true);
    }
    for (const name of ['ianare+exif-samples/jpg/hdr/iphone_hdr_NO.jpg', 'ianare+exif-samples/jpg/hdr/iphone_hdr_YES.jpg', 'MikeKovarik+exifr/test/fixtures/canon-dslr.jpg', 'MikeKovarik+exifr/test/fixtures/IMG_20180725_163423.jpg']) {
      expect(by.get(name)?.flagged, name).toEqual([]);
    }
    expect(outcomes.filter((o) => o.kinds.includes('metadata.thumbnail-content')).map((o) => o.name)).toEqual([]);
    expect(outcomes.filter((o) => o.kinds.includes('metadata.thumbnail-consistent')).length).toBeGreaterThanOrEqual(10);
  });

  it.skipIf(!hasExiftool)('agrees with exiftool on the values the rules use', async () => {
    const files = jpegs();
    const outcomes = new Map((await analyseAll(files)).map((o) => [o.name, o]));
    const tags = ['-IFD0:Make', '-IFD0:Model', '-IFD0:Software', '-IFD0:Orientation', '-IFD0:ModifyDate', '-ExifIFD:DateTimeOriginal', '-ExifIFD:CreateDate', '-ExifIFD:ExifImageWidth', '-ExifIFD:ExifImageHeight', '-XMP-xmp:CreatorTool', '-XMP-xmp:ModifyDate'];
    const tool = JSON.parse(execFileSync('exiftool', ['-j', '-n', '-G1', ...tags, ...files], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] })) as Record<string, unknown>[];
    // An EXIF MakerNote: exiftool decodes it into a MakerNotes group, or warns "Unrecognized MakerNotes"
    // (Google, GoPro). ExifTool.jpg's CIFF block (APP0) and Qualcomm attributes (APP7) are grouped as
    // MakerNotes too but are not an EXIF MakerNote.
    const notes = JSON.parse(execFileSync('exiftool', ['-j', '-G0:1', '-MakerNotes:all', '-Warning', ...files], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] })) as Record<string, unknown>[];
    const noteFiles = new Set(
      notes
        .filter((t) => Object.keys(t).some((k) => /^MakerNotes:(?!CIFF:|Qualcomm:)/.test(k)) || /Unrecognized MakerNotes/.test(String(t['ExifTool:Warning'] ?? '')))
        .map((t) => path.relative(CORPUS, path.resolve(String(t.SourceFile)))),
    );
    const mismatches: string[] = [];
    let compared = 0;
    for (const t of tool) {
      const name = path.relative(CORPUS, path.resolve(String(t.SourceFile)));
      const o = outcomes.get(name);
      if (!o) continue;
      const read = o.metrics.read as Record<string, unknown>;
      const times = o.metrics.timestamps as { source: string; raw: string }[];
      const size = (read.recordedSizes as { source: string; width: number; height: number }[]).find((s) => s.source.startsWith('EXIF:ExifImageWidth'));
      const time = (source: string) => times.find((x) => x.source === source)?.raw;
      const check = (what: string, ours: unknown, theirs: unknown, norm: (v: unknown) => string = (v) => String(v ?? '').trim()) => {
        if (theirs === undefined) return;
        compared++;
        if (norm(ours) !== norm(theirs)) mismatches.push(`${name} ${what}: ours ${String(ours)}, exiftool ${String(theirs)}`);
      };
      check('Make', read.make, t['IFD0:Make']);
      check('Model', read.model, t['IFD0:Model']);
      check('Software', read.software, t['IFD0:Software']);
      check('Orientation', read.orientation, t['IFD0:Orientation']);
      check('CreatorTool', read.creatorTool, t['XMP-xmp:CreatorTool']);
      check('ModifyDate', time('EXIF:ModifyDate'), t['IFD0:ModifyDate'], digits);
      check('DateTimeOriginal', time('EXIF:DateTimeOriginal'), t['ExifIFD:DateTimeOriginal'], digits);
      check('CreateDate', time('EXIF:CreateDate'), t['ExifIFD:CreateDate'], digits);
      check('XMP ModifyDate', time('XMP:xmp:ModifyDate'), t['XMP-xmp:ModifyDate'], digits);
      check('ExifImageWidth', size?.width, t['ExifIFD:ExifImageWidth']);
      check('ExifImageHeight', size?.height, t['ExifIFD:ExifImageHeight']);
      compared++;
      if ((Number(read.makerNoteBytes) > 0) !== noteFiles.has(name)) mismatches.push(`${name} MakerNote: ours ${String(read.makerNoteBytes)} bytes, exiftool ${noteFiles.has(name) ? 'has' : 'has none'}`);
    }
    console.log(`exiftool comparison: ${compared} values, ${mismatches.length} mismatches`);
    expect(compared).toBeGreaterThan(100);
    expect(mismatches).toEqual([]);
  });
});
