import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeLinkCase, type SyntheticDocument } from '../../../tests/fixtures/link-case';
import { CaseStore } from '../store/case-store';
import { importWatchlist } from './case-links';
import { passIsCurrent, runLinkPass } from './link-pass';
import { linkGraph, occurrences, passView, watchlistViews } from './views';

let dir: string;
let store: CaseStore;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'caselens-links-'));
  store = await CaseStore.create(path.join(dir, 'case'), { title: 'links' });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const permit = (content: string, over: Partial<SyntheticDocument> = {}): SyntheticDocument => ({
  content,
  number: 'RP1234567',
  surname: 'PETROVIC',
  givenNames: 'ANA',
  birthDate: '900101',
  expiryDate: '300101',
  mrzValid: true,
  level: 'strong-indicators',
  ...over,
});

/** One forged permit photographed on phone A, forwarded to phone C, scanned on PC B; a second holder of its number. */
function actionDay() {
  return writeLinkCase(
    store,
    [
      { exhibit: 'PHONE-A', path: 'DCIM/IMG_0001.jpg', content: 'photo of permit', phash: 'aaaaaaaaaaaaaaaa' },
      { exhibit: 'PHONE-C', path: 'WhatsApp/IMG-20261101-WA0003.jpg', content: 'messenger copy', phash: 'aaaaaaaaaaaaaaab' },
      { exhibit: 'PHONE-C', path: 'Download/permit.jpg', content: 'messenger copy' },
      { exhibit: 'PC-B', path: 'Scans/scan-0001.png', content: 'scan of permit' },
      { exhibit: 'PC-B', path: 'Scans/scan-0002.png', content: 'scan of other permit' },
      { exhibit: 'PC-B', path: 'Holiday/beach.jpg', content: 'beach' },
    ],
    [
      permit('photo of permit'),
      permit('messenger copy'),
      permit('scan of permit', { expiryDate: null }),
      permit('scan of other permit', { surname: 'NOVAK', givenNames: 'MILICA', birthDate: '850505' }),
    ],
  );
}

describe('the link pass over a case', () => {
  it('links copies, near-duplicates, captures of one permit and a reused number, and records its provenance', async () => {
    const { itemIds, documentIds } = actionDay();
    const summary = await runLinkPass(store, { today: '2026-12-01' });
    expect(summary.byKind).toMatchObject({ 'same-file': 1, 'same-image': 1, 'same-document': 2, 'number-reused': 1 });
    const pass = passView(store)!;
    expect(pass).toMatchObject({ runId: summary.runId, linkerVersion: '1.0.0', current: true });
    expect(store.audit.page(0, 10).entries.some((e) => e.action === 'links.computed')).toBe(true);

    // From the photo on phone A, the analyst reaches every device the permit touched.
    const seen = occurrences(store, `item:${itemIds[0]}`);
    expect(seen.exhibits.map((e) => e.label)).toEqual(['PC-B', 'PHONE-A', 'PHONE-C']);
    expect(seen.items.map((i) => i.itemId).sort()).toEqual([itemIds[0], itemIds[1], itemIds[2], itemIds[3]].sort());
    expect(seen.items.find((i) => i.itemId === itemIds[3])!.via).toEqual(['contains', 'same-document', 'contains']);
    expect(seen.items.some((i) => i.itemId === itemIds[5])).toBe(false);
    // The other holder of the number is related, not an occurrence.
    expect(seen.related.map((l) => l.kind)).toContain('number-reused');
    expect(seen.documents.map((d) => d.ref)).not.toContain(`document:${documentIds[3]}`);
    expect(seen.persons).toHaveLength(1);
    expect(seen.persons[0]!.label).toMatch(/PETROVIC, ANA/);

    const graph = linkGraph(store, `document:${documentIds[0]}`, { depth: 2 });
    expect(graph.nodes.find((n) => n.ref === `document:${documentIds[0]}`)!.hop).toBe(0);
    expect(graph.edges.some((e) => e.kind === 'number-reused')).toBe(true);
    expect(graph.edges.some((e) => e.kind === 'on')).toBe(true);
  });

  it('knows when the case changed since, and replaces the previous pass whole', async () => {
    actionDay();
    const first = await runLinkPass(store, { today: '2026-12-01' });
    expect(passIsCurrent(store)).toBe(true);
    writeLinkCase(store, [{ exhibit: 'PHONE-A', path: 'DCIM/IMG_0002.jpg', content: 'photo of permit' }], []);
    expect(passIsCurrent(store)).toBe(false);
    const second = await runLinkPass(store, { today: '2026-12-01' });
    expect(second.runId).toBeGreaterThan(first.runId);
    expect(store.links.all().length).toBe(second.links);
    expect(new Set(store.db.prepare('SELECT DISTINCT run_id FROM links').all().map((r) => (r as { run_id: number }).run_id))).toEqual(new Set([second.runId]));
    expect(second.byKind['same-file']).toBe(2);
  });

  it('flags watchlist hits on documents and persons, with the list in provenance, and refuses a bad list whole', async () => {
    const { itemIds } = actionDay();
    const csv = 'list_name,list_version,type,document_number,surname,given_names,birth_date\nEMPACT-2026,3,document-number,RP1234567,,,\nEMPACT-2026,3,person,,NOVAK,MILICA,1985-05-05\n';
    const stored = importWatchlist(store, Buffer.from(csv), 'empact.csv', 'tester');
    expect(stored).toMatchObject({ name: 'EMPACT-2026', version: '3', entryCount: 2 });
    expect(() => importWatchlist(store, Buffer.from(csv), 'empact.csv', 'tester')).toThrow(/already in this case/);
    expect(() => importWatchlist(store, Buffer.from('list_name,list_version,type,birth_date\nX,1,person,31.02.1990\n'), 'bad.csv', 'tester')).toThrow(/refused/);
    await runLinkPass(store, { today: '2026-12-01' });
    const hits = store.links.all({ kinds: ['watchlist'] });
    expect(hits.length).toBeGreaterThanOrEqual(4); // three captures of the number, and the listed person
    expect(hits.every((h) => h.to.startsWith(`watchlist-entry:${stored.sha256}#`))).toBe(true);
    expect(watchlistViews(store)[0]!.hits).toBe(hits.length);
    const page = store.items.query({ watchlistHits: true }, { key: 'id', direction: 'asc' }, 0, 50);
    expect(page.rows.map((r) => r.id)).toEqual([itemIds[0], itemIds[1], itemIds[2], itemIds[3], itemIds[4]]);
    expect(page.rows[0]!.watchlistHits).toBeGreaterThan(0);
  });
});
