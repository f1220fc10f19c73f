/**
 * Linking benchmark: a case of N items (default 50,000) written through the store's repositories (no images:
 * the perceptual hashes, MRZ fields and template levels the linker reads are given), then one full link pass
 * (`runLinkPass` with the measured parts: drafts, families). Reports the pass time, memory, link counts and the
 * pairwise precision and recall of the field-based link kinds against the generator's truth.
 *   npm run bench:links -- [--count 50000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runLinkPass } from '../../native/engine/links/link-pass';
import { measureCaseLinks } from '../../native/engine/links/measure';
import { CaseStore } from '../../native/engine/store/case-store';
import { writeLinkCase, type SyntheticDocument, type SyntheticItem } from '../fixtures/link-case';
import { machineInfo } from './machine';
import { Rng } from '../fixtures/prng';

const { values } = parseArgs({ options: { count: { type: 'string' } } });
const N = Number(values.count ?? 50_000);
const r = new Rng(6001);
const EXHIBITS = ['PHONE-01', 'PHONE-02', 'PHONE-03', 'PHONE-04', 'PHONE-05', 'PHONE-06', 'PHONE-07', 'PHONE-08', 'PC-01', 'PC-02'];
const SURNAMES = ['PETROVIC', 'NOVAK', 'HOXHA', 'KOVAC', 'BERISHA', 'ILIEVSKI', 'LUKIC', 'MARKOVIC', 'POPOVIC', 'JOVANOVIC', 'NIKOLIC', 'KRASNIQI'];
const GIVEN = ['ANA', 'MILICA', 'LUKA', 'MARKO', 'VESNA', 'DUSAN', 'SNEZANA', 'IVAN', 'JELENA', 'ARBEN', 'MARIJA', 'NIKOLA'];
const hex16 = () => Array.from({ length: 16 }, () => r.int(0, 15).toString(16)).join('');
const flip = (h: string, bits: number) => {
  let v = BigInt(`0x${h}`);
  for (let i = 0; i < bits; i++) v ^= 1n << BigInt(i * 7);
  return v.toString(16).padStart(16, '0');
};
const yymmdd = () => `${String(r.int(50, 99)).padStart(2, '0')}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;

interface Card { id: number; number: string; holder: number; expiry: string; level: SyntheticDocument['level'] }
const holders = Array.from({ length: 2600 }, (_, i) => ({ surname: `${SURNAMES[i % 12]}${i >= 144 ? String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + Math.floor(i / 26) % 26) : ''}`, given: GIVEN[Math.floor(i / 12) % 12]!, birth: yymmdd() }));
const cards: Card[] = [];
for (let i = 0; i < 3000; i++) {
  const forged = i >= 2000;
  const workshop = (i - 2000) % 10;
  // Forged cards: ten workshops numbering in runs (every 7th number skipped); genuine cards: random numbers.
  const number = forged ? `RP${String(5_000_000 + workshop * 10_000 + Math.floor((i - 2000) / 10) + Math.floor((i - 2000) / 70)).padStart(7, '0')}` : `RP${r.digits(7)}`;
  const holder = i % 25 === 24 ? cards[i - 1]!.holder : i % 2600; // every 25th card: a second card of the previous holder
  cards.push({ id: i, number, holder, expiry: `3${r.int(0, 1)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`, level: forged ? 'strong-indicators' : 'no-indicators' });
}
// Every 40th forged card carries the number of a genuine card of another holder.
for (let i = 2000; i < 3000; i += 40) cards[i]!.number = cards[i - 2000]!.number;

const items: SyntheticItem[] = [];
const documents: SyntheticDocument[] = [];
const captureCard = new Map<string, number>(); // content → card
const sameFile: string[][] = [];
for (const card of cards) {
  const captures = r.int(1, 5);
  for (let k = 0; k < captures; k++) {
    const content = `card ${card.id} capture ${k}`;
    const phash = hex16();
    const exhibit = r.pick(EXHIBITS);
    items.push({ exhibit, path: `DCIM/card-${card.id}-${k}.jpg`, content, phash });
    const h = holders[card.holder]!;
    documents.push({ content, number: card.number, surname: h.surname, givenNames: h.given, birthDate: h.birth, expiryDate: card.expiry, level: card.level, mrzValid: true });
    captureCard.set(content, card.id);
    if (r.bool(0.3)) items.push({ exhibit: r.pick(EXHIBITS), path: `WhatsApp/IMG-${card.id}-${k}-WA.jpg`, content: `${content} messenger`, phash: flip(phash, 2) });
    if (r.bool(0.1)) {
      items.push({ exhibit: r.pick(EXHIBITS), path: `Backup/card-${card.id}-${k}.jpg`, content, phash });
      sameFile.push([content]);
    }
  }
}
while (items.length < N) items.push({ exhibit: r.pick(EXHIBITS), path: `DCIM/IMG_${items.length}.jpg`, content: `photo ${items.length}`, phash: hex16() });
// Messenger copies hold the card too (another content, same card).
const documentOf = new Map(documents.map((d) => [d.content, d]));
for (const it of items) if (it.content.endsWith(' messenger')) {
  const original = documentOf.get(it.content.slice(0, -' messenger'.length))!;
  documents.push({ ...original, content: it.content });
  captureCard.set(it.content, captureCard.get(original.content)!);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'caselens-links-bench-'));
const store = await CaseStore.create(path.join(dir, 'case'), { title: 'links bench' });
const t0 = performance.now();
const { documentIds } = writeLinkCase(store, items, documents);
const writeMs = performance.now() - t0;

const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
const summary = await runLinkPass(store, { measure: measureCaseLinks, today: '2026-12-01' });
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

// Pairwise precision and recall of the same-document grouping (connected components of its links) against truth.
const cardOfDoc = new Map<number, number>();
documents.forEach((d, i) => cardOfDoc.set(documentIds[i]!, captureCard.get(d.content)!));
const parent = new Map<number, number>();
const find = (x: number): number => (parent.get(x) === undefined || parent.get(x) === x ? x : find(parent.get(x)!));
for (const l of store.links.all({ kinds: ['same-document'] })) parent.set(find(Number(l.to.slice(9))), find(Number(l.from.slice(9))));
const pairs = (key: (d: number) => number) => {
  const groups = new Map<number, number>();
  for (const d of documentIds) groups.set(key(d), (groups.get(key(d)) ?? 0) + 1);
  let n = 0;
  for (const c of groups.values()) n += (c * (c - 1)) / 2;
  return n;
};
const both = (() => {
  const groups = new Map<string, number>();
  for (const d of documentIds) {
    const k = `${find(d)}|${cardOfDoc.get(d)}`;
    groups.set(k, (groups.get(k) ?? 0) + 1);
  }
  let n = 0;
  for (const c of groups.values()) n += (c * (c - 1)) / 2;
  return n;
})();
const predicted = pairs((d) => find(d));
const truth = pairs((d) => cardOfDoc.get(d)!);
const reusedTruth = cards.filter((c, i) => i >= 2000 && (i - 2000) % 40 === 0).length;

const lines = [
  `Machine: ${JSON.stringify(machineInfo())}`,
  `Case: ${items.length} items on ${EXHIBITS.length} exhibits, ${documents.length} documents of ${cards.length} cards (1,000 forged by 10 workshops), ${holders.length} holders; written in ${(writeMs / 1000).toFixed(1)} s.`,
  '',
  '| measure | value |',
  '|---|---|',
  `| link pass (read, link, drafts, families, write) | ${(summary.ms / 1000).toFixed(1)} s |`,
  `| RSS before / peak during the pass | ${(rssBefore / 2 ** 20).toFixed(0)} / ${(rssPeak / 2 ** 20).toFixed(0)} MB |`,
  `| links | ${summary.links} (${Object.entries(summary.byKind).map(([k, v]) => `${k} ${v}`).join(', ')}) |`,
  `| entities | ${summary.entities} |`,
  `| same-document pairwise precision / recall | ${(both / Math.max(1, predicted)).toFixed(3)} / ${(both / Math.max(1, truth)).toFixed(3)} (${truth} true pairs) |`,
  `| number-reused links / cards carrying another holder's number | ${summary.byKind['number-reused'] ?? 0} / ${reusedTruth} |`,
];
process.stdout.write(`${lines.join('\n')}\n`);
store.close();
rmSync(dir, { recursive: true, force: true });
