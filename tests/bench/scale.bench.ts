/**
 * Scale benchmark: a case with N items (default 100,000) inserted through the items repository, then the
 * operations the workstation repeats: near-duplicate regrouping, grid pages with and without filters,
 * the item panel. Prints a Markdown block for docs/BENCHMARKS.md.
 *   npm run bench:scale -- --count 100000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asItemId } from '../../native/engine/contract';
import { regroupNearDuplicates } from '../../native/engine/ingest/importer';
import { CaseStore } from '../../native/engine/store/case-store';
import type { NewItem } from '../../native/engine/store/items.repo';

const countArg = process.argv.indexOf('--count');
const N = countArg > 0 ? Number(process.argv[countArg + 1]) : 100_000;

let seed = 12345;
/** mulberry32: well-distributed bits, so random hashes behave like unrelated images. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');

const dir = mkdtempSync(path.join(os.tmpdir(), 'caselens-scale-'));
const store = await CaseStore.create(path.join(dir, 'case'), { title: 'scale' });
const exhibit = store.exhibits.create({ label: 'EXH-01' });
const importId = store.imports.start(exhibit.id, ['/bench'], false, {});

const time = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
};

let previous = hex(16);
const [, insertMs] = time(() =>
  store.transaction(() => {
    for (let i = 0; i < N; i++) {
      // One item in 50 is an exact copy of an earlier one; one in 20 a near-duplicate (3 flipped bits).
      const sha256 = i % 50 === 49 ? `${String(i - 1).padStart(64, '0')}` : `${String(i).padStart(64, '0')}`;
      const phash = i % 20 === 19 ? (BigInt(`0x${previous}`) ^ 0b10101n).toString(16).padStart(16, '0') : hex(16);
      previous = phash;
      const item: NewItem = {
        exhibitId: exhibit.id, importId, originalPath: `/bench/${i}.jpg`, exhibitPath: `phone/DCIM/${i}.jpg`, name: `${i}.jpg`,
        storage: 'copied', size: 2_000_000 + i, kind: 'jpeg', mime: 'image/jpeg', sha256, sha1: hex(40), md5: hex(32),
        width: 4000, height: 3000, phash, thumbSha256: hex(64),
        fileTimes: { modified: null, accessed: null, created: null },
        exif: { make: 'Acme', model: 'X', software: null, dateTimeOriginal: `2024-03-${String((i % 28) + 1).padStart(2, '0')}T10:00:00`, createDate: null, modifyDate: null, gpsLatitude: i % 3 ? null : 42.4, gpsLongitude: i % 3 ? null : 19.2 },
        hasExif: true, metadata: { ifd0: { Make: 'Acme' } }, times: [], messenger: null, warnings: [], error: i % 500 ? null : 'corrupt',
      };
      store.items.insert(item);
    }
  }),
);
const [, groupMs] = time(() => regroupNearDuplicates(store));
const sort = { key: 'id' as const, direction: 'asc' as const };
const page = (filter: object, offset: number) => time(() => store.items.query(filter, sort, offset, 200))[1];
const firstPage = page({}, 0);
const deepPage = page({}, N - 200);
const gpsPage = page({ hasGps: true }, 0);
const dupPage = page({ duplicates: 'exact' }, 0);
const textPage = page({ text: '9999' }, 0);
const sortedPage = time(() => store.items.query({}, { key: 'dateTimeOriginal', direction: 'desc' }, 5000, 200))[1];
const detailMs = time(() => store.items.get(asItemId(N - 1)))[1];
const groups = store.items.query({ duplicates: 'near' }, sort, 0, 1).total;
store.close();
rmSync(dir, { recursive: true, force: true });

const ms = (v: number) => `${v.toFixed(0)} ms`;
console.log(`
### Scale, ${new Date().toISOString().slice(0, 10)}: ${N.toLocaleString('en')} items

| operation | time |
|---|---:|
| insert ${N.toLocaleString('en')} items (one transaction) | ${ms(insertMs)} |
| near-duplicate regrouping over the whole case (${groups.toLocaleString('en')} items grouped) | ${ms(groupMs)} |
| grid page of 200, first | ${ms(firstPage)} |
| grid page of 200, last (offset ${N - 200}) | ${ms(deepPage)} |
| grid page, filter has GPS | ${ms(gpsPage)} |
| grid page, filter exact duplicates | ${ms(dupPage)} |
| grid page, path text filter | ${ms(textPage)} |
| grid page sorted by DateTimeOriginal, offset 5000 | ${ms(sortedPage)} |
| item panel (items.get) | ${ms(detailMs)} |
`);
