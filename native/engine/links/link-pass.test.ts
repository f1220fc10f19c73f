import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeLinkCase, type SyntheticDocument } from '../../../tests/fixtures/link-case';
import { CaseStore } from '../store/case-store';
import { importWatchlist } from './case-links';
import { passIsCurrent, runLinkPass } from './link-pass';
import { LINKER_VERSION } from './linker';
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
    expect(pass).toMatchObject({ runId: summary.runId, linkerVersion: LINKER_VERSION, current: true });
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
    // Two hops from the scan's document reach the photo and the messenger copy last: their devices are drawn too.
    const near = linkGraph(store, `document:${documentIds[2]}`, { depth: 2 });
    const itemsReached = near.nodes.filter((n) => n.type === 'item').map((n) => n.ref);
    expect(itemsReached.length).toBeGreaterThan(1);
    for (const item of itemsReached) expect(near.edges.some((e) => e.kind === 'on' && e.from === item), `${item} without its exhibit`).toBe(true);
  });

  it('does not take numbers, holders, issuers or dates from an MRZ whose dates are impossible (a non-OCR-B font)', async () => {
    // Three captures of one W2-style permit: its MRZ in another font reads as repeated characters, check digits
    // "valid" by repetition, dates impossible, issuer SSS; the printed fields read right. A second permit of the
    // same workshop reads as the same garbage MRZ.
    const viz = (number: string, surname: string, birth: string, expiry: string) => [
      { zoneId: 'docno', field: 'documentNumber', text: number, normalized: number, confidence: 88 },
      { zoneId: 'surname', field: 'surname', text: surname, normalized: surname, confidence: 90 },
      { zoneId: 'given-names', field: 'givenNames', text: 'ELIRA', normalized: 'ELIRA', confidence: 90 },
      { zoneId: 'birth', field: 'birthDate', text: birth, normalized: birth, confidence: 96 },
      { zoneId: 'expiry', field: 'expiryDate', text: expiry, normalized: expiry, confidence: 96 },
    ];
    const garbage = { number: '555555555', surname: 'SSSSYSSSSYYSSOTTOOOUZ', givenNames: null, birthDate: '355695', expiryDate: '695501', issuingState: 'SSS', mrzValid: true, mrzLines: ['I<SSS555555555<<<<<<<<<<<<<<<<', '3556955<6955015SSS<<<<<<<<<<<5', 'SSSSYSSSSYYSSOTTOOOUZ<<<<<<<<<'] };
    const { documentIds } = writeLinkCase(
      store,
      [
        { exhibit: 'PHONE-A', path: 'DCIM/a.jpg', content: 'capture a' },
        { exhibit: 'PC-B', path: 'Scans/b.png', content: 'capture b' },
        { exhibit: 'PHONE-C', path: 'DCIM/c.jpg', content: 'capture c' },
        { exhibit: 'PHONE-C', path: 'DCIM/d.jpg', content: 'other permit' },
      ],
      [
        permit('capture a', { ...garbage, readings: viz('RP7200011', 'STOJANOV', '1957-05-20', '2031-05-24') }),
        permit('capture b', { ...garbage, birthDate: '355555', readings: viz('RP7200011', 'STOJANOV', '1957-05-20', '2031-05-24') }),
        permit('capture c', { number: 'RP72000II', surname: 'STOJANOV', givenNames: 'ELIRA', birthDate: '570520', expiryDate: '81052<', mrzValid: false, readings: viz('RP7200011', 'STOJANOV', '1957-05-20', '2031-05-24') }),
        permit('other permit', { ...garbage, readings: viz('RP7200014', 'HORVAT', '1983-10-12', '2029-10-13') }),
      ],
    );
    await runLinkPass(store, { today: '2026-12-01' });
    const same = store.links.all({ kinds: ['same-document'] });
    const ends = (l: { from: string; to: string }) => [l.from, l.to].sort().join(' ');
    expect(same.map(ends).sort()).toEqual([`document:${documentIds[0]} document:${documentIds[1]}`, `document:${documentIds[0]} document:${documentIds[2]}`].sort());
    expect(same.every((l) => l.evidence.number === 'RP7200011')).toBe(true);
    // The garbage number is nobody's: no number-reused between the two permits, no series on it.
    expect(store.links.all({ kinds: ['number-reused'] })).toEqual([]);
    expect(store.links.all().some((l) => JSON.stringify(l.evidence).includes('555555555'))).toBe(false);
    expect(store.links.entities('person').map((p) => p.label).sort()).toEqual(['HORVAT, ELIRA (1983-10-12)', 'STOJANOV, ELIRA (1957-05-20)']);
  });

  it('takes a confidently printed number over an MRZ number whose check digit fails, and keeps one picture linked across the misreading', async () => {
    const printed = (number: string, confidence: number) => [{ zoneId: 'docno', field: 'documentNumber', text: number, normalized: number, confidence }];
    const misread = { number: 'RP72000II', surname: 'SANTIC', givenNames: 'JOVANA', birthDate: '871102', expiryDate: '310123', mrzValid: false };
    const { documentIds } = writeLinkCase(
      store,
      [
        { exhibit: 'PHONE-C', path: 'DCIM/a.jpg', content: 'photo', phash: 'aaaaaaaaaaaaaaaa' },
        { exhibit: 'PC-B', path: 'Downloads/a-wa.jpeg', content: 'messenger copy', phash: 'aaaaaaaaaaaaaaaa' },
        { exhibit: 'PHONE-A', path: 'DCIM/b.jpg', content: 'other permit' },
      ],
      [
        permit('photo', { ...misread, readings: printed('RP7200011', 88) }),
        permit('messenger copy', { ...misread, readings: printed('RP7200011', 79) }), // printed number below confidence: the MRZ's stands
        permit('other permit', { ...misread, surname: 'HOXHA', birthDate: '700101', readings: printed('RP7200012', 90) }),
      ],
    );
    await runLinkPass(store, { today: '2026-12-01' });
    // The two permits' MRZs both read RP72000II: no number-reused between them, since their printed numbers differ.
    expect(store.links.all({ kinds: ['number-reused'] })).toEqual([]);
    // The photo and its copy stay one picture although one reads RP7200011 and the other RP72000II.
    const image = store.links.all({ kinds: ['same-image'] });
    expect(image).toHaveLength(1);
    const same = store.links.all({ kinds: ['same-document'] }).map((l) => [l.from, l.to].sort().join(' '));
    expect(same).toEqual([[`document:${documentIds[0]}`, `document:${documentIds[1]}`].sort().join(' ')]);
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
