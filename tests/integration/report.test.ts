/**
 * The evidence package's report on a real case (importer and analysers, tests/fixtures/report-case.ts): the
 * HTML names every selected document, item and finding in both languages and escapes hostile names; the PDF
 * parses (poppler), is paginated with "page X of Y", carries the fingerprint and the appendix hashes, keeps
 * Serbian letters, and is byte-identical for the same input; findings.csv has one row per stored finding.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel, renderFindingsCsv, renderReportHtml, renderReportPdf, renderReportPdfOffThread, type ReportModel, type ReportOptions } from '../../native/engine/export/report';
import { HOSTILE_FILE, HOSTILE_FOLDER, makeReportCase, type ReportCase } from '../fixtures/report-case';
import { tempDir } from './helpers';

const FINGERPRINT = createHash('sha256').update('unit key (test)').digest('hex');
const dir = tempDir('report');
let rc: ReportCase;
let options: ReportOptions;
let model: ReportModel;
let html = '';
let pdf: Buffer;
let pdfText = '';
let selected: number[] = [];

beforeAll(async () => {
  rc = await makeReportCase(dir);
  selected = [rc.items.forged, rc.items.genuine, rc.items.splice, rc.items.copy];
  const rows = rc.store.items.query({}, { key: 'id', direction: 'asc' }, 0, 100).rows;
  options = {
    itemIds: selected,
    coverNote: { handling: 'H1', sourceReliability: 'B', informationAccuracy: 2, authorization: 'Chief Insp. Test, ODL-2026/114' },
    packagedFiles: [
      ...rows.map((r) => ({ bagPath: `data/evidence/${r.exhibitId}/${r.exhibitPath}`, size: r.size, sha256: r.sha256! })),
      { bagPath: 'metadata/case.jsonld', size: 1234, sha256: createHash('sha256').update('case graph').digest('hex') },
    ],
    signerFingerprint: FINGERPRINT,
    exportedAt: '2026-12-07T10:00:00Z',
    organisation: 'Granična policija – forenzička jedinica',
  };
  model = await buildReportModel(rc.store, options);
  html = renderReportHtml(model);
  pdf = await renderReportPdf(model);
  const file = path.join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}, 120_000);

afterAll(async () => {
  await rc?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every finding stored about the selected contents, counted straight from the database. */
function storedFindingIds(): number[] {
  const shas = [...new Set(selected.map((id) => rc.store.items.get(id as never).sha256!))];
  return (rc.store.db.prepare(`SELECT f.id FROM findings f JOIN analyser_runs r ON r.id = f.run_id WHERE r.input_sha256 IN (${shas.map(() => '?').join(',')}) ORDER BY f.id`).all(...shas) as { id: number }[]).map((r) => r.id);
}

describe('report model', () => {
  it('holds the selection: both permits assessed (one with a deviating number zone), the photo with maps, the copy pointing at its original', () => {
    const forged = model.documents.find((d) => d.itemId === rc.items.forged)!;
    const genuine = model.documents.find((d) => d.itemId === rc.items.genuine)!;
    expect(forged.assessment?.level).toBe('strong-indicators');
    expect(genuine.assessment?.level).toBe('no-indicators');
    expect(forged.imageFrame).toBe('aligned');
    expect(forged.zones.find((z) => z.id === 'docno')?.state).toBe('deviates');
    expect(forged.assessment!.reasons.find((r) => r.zone === 'docno')?.findingId).toEqual(expect.any(Number));
    const photo = model.items.find((i) => i.id === rc.items.splice)!;
    expect(photo.maps.length).toBeGreaterThan(3);
    expect(model.items.find((i) => i.id === rc.items.copy)!.sameContentAs).toBe(rc.items.forged);
    expect(model.links.some((l) => l.kind === 'same-file')).toBe(true);
    expect(model.summary).toMatchObject({ items: 4, exhibits: 2, documents: 2, documentsByLevel: { 'strong-indicators': 1, 'no-indicators': 1 } });
    expect(model.methods.map((m) => m.analyserId)).toEqual(expect.arrayContaining(['documents', 'templates', 'forensics.ela', 'forensics.fusion', 'viz-ocr']));
    // Per-item measurements are not method parameters.
    expect(model.methods.every((m) => !m.parameters.includes('"metrics"'))).toBe(true);
    expect(model.findings.map((f) => f.id).sort((a, b) => a - b)).toEqual(storedFindingIds());
  });

  it('refuses bad options with a message naming them', async () => {
    await expect(buildReportModel(rc.store, { ...options, itemIds: [999_999] })).rejects.toThrow(/No item 999999/);
    await expect(buildReportModel(rc.store, { ...options, coverNote: { ...options.coverNote, handling: 'H9' as never } })).rejects.toThrow(/Handling code "H9"/);
    await expect(buildReportModel(rc.store, { ...options, languages: ['en', 'xx'] })).rejects.toThrow(/language "xx"/);
    await expect(buildReportModel(rc.store, { ...options, exportedAt: 'yesterday' })).rejects.toThrow(/ISO 8601/);
  });
});

describe('report.html', () => {
  it('labels everything in English and Montenegrin / Serbian Latin', () => {
    for (const label of ['Exhibit / Dokaz', 'Limitations / Ograničenja', 'Hash appendix / Prilog: heš vrijednosti', 'Handling code / Kod postupanja', 'Examiner / Vještak']) expect(html).toContain(label);
    expect(html).toContain('ne smije se koristiti u sudskom postupku bez dozvole davaoca');
    expect(html).toContain('<html lang="en">');
  });

  it('shows every selected exhibit, document, item and finding', () => {
    for (const x of model.exhibits) expect(html).toContain(`id="exhibit-${x.id}"`);
    for (const d of model.documents) expect(html).toContain(`id="document-${d.id}"`);
    for (const id of selected) expect(html).toContain(`id="item-${id}"`);
    for (const id of storedFindingIds()) expect(html, `finding ${id}`).toContain(`id="f-${id}"`);
    expect(html).toMatch(/data-zone="docno" data-state="deviates"/);
    expect(html).toContain(FINGERPRINT);
    for (const f of options.packagedFiles) expect(html).toContain(f.sha256);
  });

  it('escapes hostile file names and loads nothing from outside', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;.jpg');
    expect(model.items.find((i) => i.id === rc.items.splice)!.exhibitPath).toContain(`${HOSTILE_FOLDER}/${HOSTILE_FILE}`);
    const sources = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(10);
    for (const s of sources) expect(s, s.slice(0, 40)).toMatch(/^(data:image\/(png|jpeg);base64,|#)/);
  });

  it('adds the demo disclaimer in both languages only for the demo case', async () => {
    expect(html).not.toContain('SYNTHETIC DEMO CASE');
    const demo = renderReportHtml({ ...model, case: { ...model.case, demo: true } });
    expect(demo).toContain('SYNTHETIC DEMO CASE – NOT EVIDENCE / SINTETIČKI DEMO PREDMET – NIJE DOKAZ');
    expect(demo).toContain('It is not evidence and must not be used as such.');
    expect(demo).toContain('On nije dokaz i ne smije se kao takav koristiti.');
  });
});

describe('items without results', () => {
  let withNotes: ReportModel;
  let notesPdfText = '';
  let notesHtml = '';
  beforeAll(async () => {
    withNotes = await buildReportModel(rc.store, { ...options, itemIds: [...selected, rc.items.notes] });
    notesHtml = renderReportHtml(withNotes);
    const file = path.join(dir, 'report-notes.pdf');
    writeFileSync(file, await renderReportPdf(withNotes));
    notesPdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  }, 60_000);

  it('lists an item with nothing to show in one table, with its identity, and gives it no page of its own', () => {
    const notes = withNotes.items.find((i) => i.id === rc.items.notes)!;
    expect(notes).toMatchObject({ runs: [], maps: [], findingIds: [], documentIds: [], thumbnail: null });
    const title = 'Items without results (1) / Stavke bez rezultata (1)';
    const flat = notesPdfText.replace(/\s+/g, ' ');
    // Once in the table of contents, once as the heading of the table.
    expect(flat.split(title).length - 1).toBe(2);
    expect(notesPdfText).toContain(notes.sha256!);
    expect(flat).toContain(`EXH-02 · ${notes.exhibitPath}`);
    expect(flat).not.toContain(`Item / Stavka ${notes.id}: EXH-02`);
    // The items with results keep their pages.
    for (const id of selected) expect(flat).toContain(`Item / Stavka ${id}: `);
    expect(notesHtml).toContain(`<tr id="item-${notes.id}">`);
    expect(notesHtml).toContain(title);
  });
});

describe('a large exhibit', () => {
  it('lists its first 60 items in the exhibit record of the PDF and says how many more there are (the HTML all)', async () => {
    const first = model.exhibits[0]!;
    const ids = Array.from({ length: 75 }, (_, k) => 10_000 + k);
    const big: ReportModel = { ...model, exhibits: [{ ...first, itemIds: ids }, ...model.exhibits.slice(1)] };
    const file = path.join(dir, 'report-big-exhibit.pdf');
    writeFileSync(file, await renderReportPdf(big));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('10059:');
    expect(text).not.toContain('10060:');
    expect(text).toContain('… and 15 more, each listed under “Items and forensic findings” with its exhibit');
    expect(text).toContain('… i još 15, svaka navedena pod „Stavke i forenzički nalazi” sa svojim dokazom');
    const bigHtml = renderReportHtml(big);
    for (const id of [10_000, 10_074]) expect(bigHtml).toContain(`<a href="#item-${id}">${id}</a>`);
  });
});

describe('report.pdf', () => {
  it('parses, is paginated with page X of Y, and names the case, the key and the package hashes', () => {
    const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', path.join(dir, 'report.pdf')], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(10);
    expect(info).toMatch(/Producer:\s+CaseLens \d/);
    expect(info).toMatch(/Title:\s+Forensic examination report/);
    expect(pdfText).toContain(`page 1 of ${pages} / strana 1 od ${pages}`);
    expect(pdfText).toContain(`page ${pages} of ${pages}`);
    expect(pdfText.split(FINGERPRINT).length - 1).toBeGreaterThanOrEqual(pages);
    expect(pdfText).toContain('KT-77/2026');
    for (const f of options.packagedFiles) expect(pdfText).toContain(f.sha256);
  });

  it('keeps Montenegrin / Serbian letters through text extraction', () => {
    // Lines wrap where the layout wraps them: compare with whitespace collapsed.
    const flat = pdfText.replace(/\s+/g, ' ');
    for (const text of ['Ovlašćenje', 'Izvještaj o forenzičkom ispitivanju', 'Prilog: heš vrijednosti', 'permit-Đorđević-šćž.jpg', 'Granična policija – forenzička jedinica']) expect(flat).toContain(text);
  });

  it('lists the hostile name as text and the deviating zone with its finding', () => {
    expect(pdfText).toContain(HOSTILE_FILE);
    expect(pdfText).toMatch(/✕ docno/);
    expect(pdfText).toContain('viz.mrz-mismatch');
  });

  it('is the same bytes for the same input, also when rendered on a worker thread (as the export does)', async () => {
    const again = await renderReportPdf(model);
    expect(again.equals(pdf)).toBe(true);
    const offThread = await renderReportPdfOffThread(model);
    expect(offThread.equals(pdf)).toBe(true);
  });

  it('stops the worker when the export is aborted', async () => {
    const stop = new AbortController();
    const rendering = renderReportPdfOffThread(model, stop.signal);
    stop.abort(new Error('export cancelled'));
    await expect(rendering).rejects.toThrow('export cancelled');
  });
});

describe('findings.csv', () => {
  it('has one row per stored finding with item, SHA-256, analyser, version, kind, severity, score and summary', () => {
    const rows = parse(renderFindingsCsv(model), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.finding_id)).sort((a, b) => a - b)).toEqual(storedFindingIds());
    const mismatch = rows.find((r) => r.kind === 'viz.mrz-mismatch' && r.zone === 'docno')!;
    expect(mismatch).toMatchObject({ item: 'permit-Đorđević-šćž.jpg', analyser: 'templates', severity: expect.any(String) });
    expect(mismatch.sha256).toBe(rc.store.items.get(rc.items.forged as never).sha256);
    const ela = rows.find((r) => r.analyser === 'forensics.ela')!;
    expect(ela).toMatchObject({ item: HOSTILE_FILE, version: '1.0.0' });
    expect(Number.isFinite(Number(rows.find((r) => r.score !== '')!.score))).toBe(true);
  });
});
