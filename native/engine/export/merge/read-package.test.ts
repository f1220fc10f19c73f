import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { BagReader } from '../bagit/bag-reader';
import { sha256Hex } from '../package/hash';
import { PackageContentError, safeRelative, stageFile } from './read-package';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A bag reader over in-memory files. */
function memoryBag(files: Record<string, Buffer>): BagReader {
  return {
    container: 'zip',
    files: new Map(Object.entries(files).map(([k, v]) => [k, v.length])),
    strays: [],
    open: async (p: string) => Readable.from([files[p]!]),
    eachChunk: async () => 0,
    close: () => undefined,
  };
}

describe('safeRelative', () => {
  it('accepts plain relative bag paths and refuses anything that could leave a folder', () => {
    expect(safeRelative('data/evidence/EXH-01/phone/IMG 1.jpg')).toBe(true);
    for (const bad of ['', '/etc/passwd', '../x', 'data/../../x', 'data//x', 'data/./x', 'data\\x', 'C:/x', 'a\u0000b']) expect(safeRelative(bad), JSON.stringify(bad)).toBe(false);
  });
});

describe('stageFile', () => {
  it('copies a file inside the staging folder after checking its SHA-256', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'caselens-stage-'));
    dirs.push(root);
    const bytes = Buffer.from('evidence bytes');
    const target = await stageFile(memoryBag({ 'data/evidence/A/x.jpg': bytes }), 'data/evidence/A/x.jpg', sha256Hex(bytes), root, 'A/x.jpg');
    expect(target).toBe(path.join(root, 'A', 'x.jpg'));
    expect(readFileSync(target)).toEqual(bytes);
  });

  it('refuses bytes that differ from the verified manifest, and a path that escapes', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'caselens-stage-'));
    dirs.push(root);
    const bag = memoryBag({ 'data/evidence/A/x.jpg': Buffer.from('changed') });
    await expect(stageFile(bag, 'data/evidence/A/x.jpg', sha256Hex(Buffer.from('original')), root, 'A/x.jpg')).rejects.toThrow(PackageContentError);
    await expect(stageFile(bag, 'data/evidence/A/x.jpg', sha256Hex(Buffer.from('changed')), root, 'A/../../x.jpg')).rejects.toThrow(/outside the staging folder/);
    expect(existsSync(path.join(root, '..', 'x.jpg'))).toBe(false);
  });
});
