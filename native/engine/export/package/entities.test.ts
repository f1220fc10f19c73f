/**
 * The entity table's locations (metadata/entities.json): one per exported item with an EXIF GPS position, naming
 * the item and its copy in the bag; none for an item without one or outside the export.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newItem } from '../../../../tests/fixtures/new-item';
import { asExhibitId } from '../../contract';
import { CaseStore } from '../../store/case-store';
import { exportItems } from '../../store/export.query';
import { buildEntities } from './entities';

const dir = mkdtempSync(path.join(os.tmpdir(), 'caselens-entities-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function item(exhibitId: ReturnType<typeof asExhibitId>, importId: number, name: string, gps: [number, number] | null) {
  return newItem({
    exhibitId,
    importId,
    originalPath: `/seized/${name}`,
    exhibitPath: `DCIM/${name}`,
    name,
    size: 10,
    sha256: createHash('sha256').update(name).digest('hex'),
    kind: 'jpeg',
    mime: 'image/jpeg',
    exif: { make: null, model: null, software: null, dateTimeOriginal: null, createDate: null, modifyDate: null, gpsLatitude: gps?.[0] ?? null, gpsLongitude: gps?.[1] ?? null },
    hasExif: gps !== null,
  });
}

describe('entities: locations', () => {
  it('lists the EXIF GPS position of every exported item that has one, with its bag path', async () => {
    const store = await CaseStore.create(path.join(dir, 'case'), { title: 'entities', reference: 'ENT-1', examiner: 'Insp. Test' });
    try {
      const exhibitId = asExhibitId(store.exhibits.create({ label: 'PHONE-01' }).id);
      const importId = store.imports.start(exhibitId, ['/seized'], true, {});
      const withGps = store.items.insert(item(exhibitId, importId, 'a.jpg', [42.4411, 19.2636]));
      const without = store.items.insert(item(exhibitId, importId, 'b.jpg', null));
      const outside = store.items.insert(item(exhibitId, importId, 'c.jpg', [44.8, 20.46]));
      const items = exportItems(store.db, [withGps, without]);
      const entities = buildEntities(store, items, { evidencePath: new Map([[withGps, 'data/evidence/PHONE-01/DCIM/a.jpg']]) });
      expect(entities.locations).toEqual([{ ref: `location:item-${withGps}`, latitude: 42.4411, longitude: 19.2636, source: 'EXIF GPS of the file', item: `item:${withGps}`, bagPath: 'data/evidence/PHONE-01/DCIM/a.jpg' }]);
      expect(JSON.stringify(entities)).not.toContain(`item:${outside}`);
    } finally {
      store.close();
    }
  });
});
