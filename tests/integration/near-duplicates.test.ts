import path from 'node:path';
import { expect, it } from 'vitest';
import { runImport } from '../../native/engine/ingest/importer';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../../native/engine/ingest/near-duplicates';
import { hamming } from '../../native/engine/ingest/phash';
import { CaseStore } from '../../native/engine/store/case-store';
import { makePhotoFolder } from '../fixtures/folder';
import { tempDir } from './helpers';

/**
 * Calibration of the near-duplicate threshold on generated phone folders: messenger copies must sit
 * well inside it and different scenes well outside. The measured figures are printed for docs/ARCHITECTURE.md.
 */
it('the near-duplicate threshold separates messenger copies from different scenes', async () => {
  const source = path.join(tempDir('calib'), 'phone');
  const manifest = await makePhotoFolder(source, { count: 30, seed: 3, width: 1200, height: 900, telegram: 4 });
  const store = await CaseStore.create(path.join(tempDir('calib-case'), 'case'), { title: 'calibration' });
  const exhibit = store.exhibits.create({ label: 'E' });
  await runImport(store, { exhibitId: exhibit.id, paths: [source] });
  const items = [...store.items.iterateAll()];
  const phash = (relative: string) => items.find((i) => i.exhibitPath === `phone/${relative}`)!.phash!;

  const byVariant: Record<string, number[]> = {};
  for (const group of manifest.nearDuplicateGroups)
    for (const copy of group.copies) (byVariant[copy.variant] ??= []).push(hamming(phash(group.original), phash(copy.path)));
  const originals = manifest.files.filter((f) => f.role === 'original').map((f) => phash(f.path));
  const unrelated: number[] = [];
  for (let i = 0; i < originals.length; i++) for (let j = i + 1; j < originals.length; j++) unrelated.push(hamming(originals[i]!, originals[j]!));
  console.log('near-duplicate calibration (bits of 64):', JSON.stringify(byVariant), 'unrelated min', Math.min(...unrelated));

  for (const variant of ['resize', 'recompress', 'strip-exif'])
    for (const distance of byVariant[variant] ?? []) expect(distance, variant).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE / 2);
  expect(Math.min(...unrelated)).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE + 4);
  store.close();
});
