import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ItemDetail } from '../../native/engine/contract';
import { runImport } from '../../native/engine/ingest/importer';
import { CaseStore } from '../../native/engine/store/case-store';
import { makePhotoFolder, type PhotoFolderManifest } from '../fixtures/folder';
import { makePhoto } from '../fixtures/image';
import { makeZip } from '../fixtures/zip';
import { snapshot, tempDir } from './helpers';

let manifest: PhotoFolderManifest;
let source: string;

beforeAll(async () => {
  source = path.join(tempDir('src'), 'phone1');
  manifest = await makePhotoFolder(source, { count: 8, seed: 11, width: 800, height: 600, corrupt: true, telegram: 1 });
});

async function newCase() {
  const store = await CaseStore.create(path.join(tempDir('case'), 'case'), { title: 'Ingest test', examiner: 'Tester' });
  const exhibit = store.exhibits.create({ label: 'EXH-01' });
  return { store, exhibit };
}

const byPath = (items: ItemDetail[], relative: string) => {
  const found = items.find((i) => i.exhibitPath === `phone1/${relative}`);
  if (!found) throw new Error(`no item for ${relative}`);
  return found;
};

describe('ingest of a phone folder', () => {
  it('records every file with hashes, metadata, duplicates, near-duplicates, errors; never changes originals', async () => {
    const before = snapshot(source);
    const { store, exhibit } = await newCase();
    const summary = await runImport(store, { exhibitId: exhibit.id, paths: [source] });
    const items = [...store.items.iterateAll()];

    expect(summary.added).toBe(manifest.files.length);
    expect(items).toHaveLength(manifest.files.length);
    expect(summary.items).toBe(manifest.files.length);

    // Hashes agree with an independent computation over the original bytes.
    for (const file of manifest.files) {
      const item = byPath(items, file.path);
      const bytes = readFileSync(path.join(source, file.path));
      expect(item.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(item.md5).toBe(createHash('md5').update(bytes).digest('hex'));
      expect(item.sha1).toBe(createHash('sha1').update(bytes).digest('hex'));
      expect(item.size).toBe(bytes.length);
    }

    // Exact duplicates: same groups as the generator wrote.
    for (const group of manifest.exactDuplicateGroups) {
      const groupIds = group.paths.map((p) => byPath(items, p).duplicateGroup);
      expect(new Set(groupIds)).toEqual(new Set([group.sha256]));
    }
    expect(summary.duplicates).toBe(manifest.exactDuplicateGroups.reduce((n, g) => n + g.paths.length - 1, 0));

    // Messenger-style copies fall in their original's near-duplicate group; different scenes never share one.
    const messengerVariants = new Set(['resize', 'recompress', 'strip-exif']);
    for (const group of manifest.nearDuplicateGroups) {
      const original = byPath(items, group.original);
      for (const copy of group.copies.filter((c) => messengerVariants.has(c.variant))) {
        expect(byPath(items, copy.path).nearDuplicateGroup, `${copy.path} (${copy.variant})`).toBe(original.nearDuplicateGroup);
        expect(original.nearDuplicateGroup).not.toBeNull();
      }
    }
    const originalGroups = manifest.files.filter((f) => f.role === 'original').map((f) => byPath(items, f.path).nearDuplicateGroup).filter((g) => g !== null);
    expect(new Set(originalGroups).size).toBe(originalGroups.length);

    // GPS and key EXIF.
    for (const gps of manifest.withGps) {
      const item = byPath(items, gps.path);
      expect(item.exif.gpsLatitude).toBeCloseTo(gps.lat, 6);
      expect(item.exif.gpsLongitude).toBeCloseTo(gps.lon, 6);
    }
    for (const edit of manifest.edited) {
      const item = byPath(items, edit.path);
      expect(item.exif.software).toBe(edit.software);
      expect(item.exif.modifyDate).toBe(edit.modifyDate.replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T'));
      expect(item.times.map((t) => t.source)).toContain('EXIF:ModifyDate');
    }

    // Messenger names parsed into fields.
    const whatsapp = items.filter((i) => i.messenger?.patternId === 'whatsapp-android-received');
    expect(whatsapp.length).toBeGreaterThan(0);
    expect(items.some((i) => i.messenger?.app === 'Telegram')).toBe(true);

    // Bad files are items with their error; the text file is a plain "other" file.
    const failedPaths = new Set(summary.failed.map((f) => f.path));
    for (const bad of manifest.corrupt) {
      const item = byPath(items, bad.path);
      if (bad.kind === 'text') {
        expect(item.error).toBeNull();
        expect(item.kind).toBe('other');
      } else {
        expect(item.error, bad.kind).toBeTruthy();
        expect(failedPaths.has(item.originalPath)).toBe(true);
      }
    }
    const bomb = manifest.corrupt.find((c) => c.kind === 'pixel-bomb')!;
    expect(byPath(items, bomb.path).error).toMatch(/pixel bomb refused/);
    expect(byPath(items, manifest.corrupt.find((c) => c.kind === 'empty')!.path).error).toMatch(/empty file/);
    expect(byPath(items, manifest.corrupt.find((c) => c.kind === 'wrong-extension')!.path)).toMatchObject({ kind: 'png' });

    // Thumbnails and copies are in the blob store; copies are verified and read-only.
    const photo = byPath(items, manifest.files.find((f) => f.role === 'original')!.path);
    expect(photo.hasThumbnail).toBe(true);
    const copy = store.blobs.pathOf(photo.sha256!);
    expect(createHash('sha256').update(readFileSync(copy)).digest('hex')).toBe(photo.sha256);
    expect(statSync(copy).mode & 0o222).toBe(0);

    // The one-pass listing (CLI `items`) agrees with the per-item detail.
    expect([...store.items.iterateRecords()]).toEqual(items.map(({ duplicates: _d, nearDuplicates: _n, notes: _o, ...record }) => record));

    // Originals untouched.
    expect(snapshot(source)).toEqual(before);
    expect(store.integrityCheck()).toBe('ok');
    store.close();
  });

  it('adds nothing twice when the same source is imported again', async () => {
    const { store, exhibit } = await newCase();
    const first = await runImport(store, { exhibitId: exhibit.id, paths: [source] });
    const second = await runImport(store, { exhibitId: exhibit.id, paths: [source] });
    expect(second).toMatchObject({ added: 0, alreadyPresent: first.added, items: first.items });
    expect(store.audit.verify().valid).toBe(true);
    store.close();
  });

  it('references originals in place when asked, copying nothing', async () => {
    const { store, exhibit } = await newCase();
    await runImport(store, { exhibitId: exhibit.id, paths: [source], referenceInPlace: true });
    const photo = [...store.items.iterateAll()].find((i) => i.kind === 'jpeg')!;
    expect(photo.storage).toBe('referenced');
    expect(existsSync(store.blobs.pathOf(photo.sha256!))).toBe(false);
    store.close();
  });

  it('stops when cancelled and keeps what it finished consistent', async () => {
    const { store, exhibit } = await newCase();
    const controller = new AbortController();
    const summary = await runImport(store, {
      exhibitId: exhibit.id,
      paths: [source],
      signal: controller.signal,
      onProgress: (p) => p.done === 3 && controller.abort(),
    });
    expect(summary.cancelled).toBe(true);
    expect(summary.items).toBeLessThan(manifest.files.length);
    const resumed = await runImport(store, { exhibitId: exhibit.id, paths: [source] });
    expect(resumed.items).toBe(manifest.files.length);
    store.close();
  });
});

describe('ingest of zip archives', () => {
  it('imports entries, refuses escaping entries, and never writes outside the case', async () => {
    const dir = tempDir('zip');
    const photo = await makePhoto({ seed: 5, width: 640, height: 480, exif: { make: 'Acme', model: 'Z1' } });
    await makeZip(
      [
        { name: 'DCIM/Camera/IMG_20240312_101010.jpg', data: photo },
        { name: 'WhatsApp/Media/WhatsApp Images/IMG-20240312-WA0001.jpg', data: photo },
        { name: 'notes/readme.txt', data: Buffer.from('list of names\n') },
      ],
      { path: path.join(dir, 'phone2.zip'), hostile: { traversal: true, absolute: true } },
    );
    const { store, exhibit } = await newCase();
    const summary = await runImport(store, { exhibitId: exhibit.id, paths: [path.join(dir, 'phone2.zip')] });
    const items = [...store.items.iterateAll()];
    expect(items.map((i) => i.exhibitPath).sort()).toEqual(
      ['phone2.zip/DCIM/Camera/IMG_20240312_101010.jpg', 'phone2.zip/WhatsApp/Media/WhatsApp Images/IMG-20240312-WA0001.jpg', 'phone2.zip/notes/readme.txt', 'phone2.zip/../escape.jpg', 'phone2.zip/etc/x.jpg'].sort(),
    );
    const camera = items.find((i) => i.name === 'IMG_20240312_101010.jpg')!;
    expect(camera).toMatchObject({ kind: 'jpeg', width: 640, height: 480, originalPath: `${path.join(dir, 'phone2.zip')}!/DCIM/Camera/IMG_20240312_101010.jpg` });
    expect(camera.exif.make).toBe('Acme');
    expect(camera.duplicates).toHaveLength(1);
    expect(summary.failed.map((f) => f.error).sort()).toEqual([expect.stringMatching(/absolute path/), expect.stringMatching(/escapes the archive/)].sort());
    expect(existsSync(path.join(dir, 'escape.jpg'))).toBe(false);
    expect(existsSync(path.join(path.dirname(store.dir), 'escape.jpg'))).toBe(false);
    store.close();
  });

  it('does not expand an archive that declares more than the stated limit, but keeps the archive itself', async () => {
    const dir = tempDir('bomb');
    await makeZip([{ name: 'a.txt', data: Buffer.from('x') }], { path: path.join(dir, 'bomb.zip'), hostile: { traversal: false, absolute: false, bomb: 64 * 1024 * 1024 } });
    const { store, exhibit } = await newCase();
    const summary = await runImport(store, { exhibitId: exhibit.id, paths: [path.join(dir, 'bomb.zip')], maxArchiveExpansion: 16 * 1024 * 1024 });
    const items = [...store.items.iterateAll()];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ exhibitPath: 'bomb.zip', storage: 'copied' });
    expect(items[0]!.error).toMatch(/archive not expanded: its entries expand to .* over the .* limit/);
    expect(summary.failed).toHaveLength(1);
    store.close();
  });
});
