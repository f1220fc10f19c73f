import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineClient, type EngineClient, type JobState } from '../contract';
import { DEFAULT_LANGUAGES, LANGUAGE_TABLES, tableOf } from '../export/report/i18n/labels';
import { createEngine, serveEngine, type Engine } from './engine';
import { memoryTransportPair } from './transports';

const PASS = 'correct horse battery';
const cover = { handling: 'H1', sourceReliability: 'B', informationAccuracy: 2, authorization: 'Head of unit' } as const;
const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), `caselens-${name}-`));
  dirs.push(d);
  return d;
};
const engines: Engine[] = [];
const clients: EngineClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const e of engines.splice(0)) await e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function workstation(storedPassphrase?: string, keepPassphrase?: (passphrase: string) => void): EngineClient {
  const engine = createEngine({
    dataDir: tmp('data'),
    host: 'test',
    ...(storedPassphrase ? { storedPassphrase: () => Promise.resolve(storedPassphrase) } : {}),
    ...(keepPassphrase ? { keepPassphrase } : {}),
  });
  const pair = memoryTransportPair();
  serveEngine(engine, pair.engine);
  const api = createEngineClient(pair.client);
  engines.push(engine);
  clients.push(api);
  return api;
}

/** Resolve with the job's final state. */
function finished(api: EngineClient, jobId: string): Promise<JobState> {
  return new Promise((resolve) => {
    const off = api.on('job.finished', (state) => {
      if (state.jobId !== jobId) return;
      off();
      resolve(state);
    });
  });
}

async function caseWithPhoto(api: EngineClient) {
  const source = tmp('src');
  writeFileSync(path.join(source, 'IMG_0001.jpg'), await sharp({ create: { width: 64, height: 48, channels: 3, background: '#806040' } }).jpeg().toBuffer());
  const summary = await api.call('cases.create', { title: 'Export handlers', reference: 'KT-1/2026', examiner: 'Insp. Test' });
  const exhibit = await api.call('exhibits.create', { caseId: summary.id, record: { label: 'PHONE-A' } });
  const jobId = (await api.call('evidence.import', { caseId: summary.id, exhibitId: exhibit.id, paths: [source] })).jobId;
  await finished(api, jobId);
  return summary.id;
}

describe('export.start and export.verify', () => {
  it('exports a package as a job and verifies it', async () => {
    const api = workstation();
    const caseId = await caseWithPhoto(api);
    const outDir = tmp('out');
    const { jobId } = await api.call('export.start', { caseId, request: { coverNote: cover, outDir, zip: true }, passphrase: PASS });
    const state = await finished(api, jobId);
    expect(state).toMatchObject({ kind: 'export', status: 'done', error: null });
    expect(state.exported!.path).toMatch(/EXP_KT-1-2026_\d{8}T\d{6}Z\.zip$/);
    expect(state.exported!.items).toBe(1);
    const verified = await api.call('export.verify', { path: state.exported!.path });
    expect(verified).toMatchObject({ ok: true, signature: { status: 'valid', fingerprint: state.exported!.fingerprint, signer: 'Insp. Test' } });
    expect((await api.call('keys.unit', {})).fingerprint).toBe(state.exported!.fingerprint);
  });

  it('refuses a wrong passphrase, a relative folder and bad cover-note codes before any job starts', async () => {
    const api = workstation();
    const caseId = await caseWithPhoto(api);
    await api.call('export.start', { caseId, request: { coverNote: cover, outDir: tmp('out') }, passphrase: PASS }).then(async ({ jobId }) => finished(api, jobId));
    await expect(api.call('export.start', { caseId, request: { coverNote: cover, outDir: tmp('out') }, passphrase: 'wrong passphrase' })).rejects.toThrow(/passphrase/i);
    await expect(api.call('export.start', { caseId, request: { coverNote: cover, outDir: 'relative/out' }, passphrase: PASS })).rejects.toThrow(/absolute/);
    await expect(api.call('export.start', { caseId, request: { coverNote: { ...cover, handling: 'H9' as never }, outDir: tmp('out') }, passphrase: PASS })).rejects.toThrow();
    await expect(api.call('export.start', { caseId, request: { coverNote: cover, outDir: tmp('out') }, passphrase: null })).rejects.toThrow(/passphrase is needed/);
    expect((await api.call('jobs.list', { caseId })).filter((j) => j.kind === 'export')).toHaveLength(1);
  });

  it('signs with the passphrase the host keeps when the call gives none', async () => {
    const api = workstation(PASS);
    const caseId = await caseWithPhoto(api);
    const { jobId } = await api.call('export.start', { caseId, request: { coverNote: cover, outDir: tmp('out') }, passphrase: null });
    expect((await finished(api, jobId)).status).toBe('done');
    expect((await api.call('keys.unit', {})).passphraseKept).toBe(true);
  });

  it('hands the host a passphrase only after it opened the key', async () => {
    const kept: string[] = [];
    const api = workstation(undefined, (passphrase) => kept.push(passphrase));
    expect((await api.call('keys.unit', {})).passphraseKept).toBe(false);
    const caseId = await caseWithPhoto(api);
    const first = await api.call('export.start', { caseId, request: { coverNote: cover, outDir: tmp('out') }, passphrase: PASS });
    expect((await finished(api, first.jobId)).status).toBe('done');
    expect(kept).toEqual([PASS]);
    await expect(api.call('export.start', { caseId, request: { coverNote: cover, outDir: tmp('out') }, passphrase: 'wrong passphrase here' })).rejects.toThrow();
    expect(kept).toEqual([PASS]);
  });
});

describe('export.languages', () => {
  it('lists every report language table with a name, the default pair first, each usable by tableOf', async () => {
    const api = workstation();
    const languages = await api.call('export.languages', {});
    expect(languages.slice(0, 2).map((l) => l.tag)).toEqual([...DEFAULT_LANGUAGES]);
    expect(languages.map((l) => l.tag).sort()).toEqual(Object.keys(LANGUAGE_TABLES).sort());
    for (const language of languages) {
      expect(language.name).not.toBe(language.tag);
      expect(() => tableOf(language.tag)).not.toThrow();
    }
    expect(languages.find((l) => l.tag === 'sr-Latn')?.name).toMatch(/Montenegrin/);
    await expect(api.call('export.languages', { extra: 1 } as never)).rejects.toThrow(/extra|unrecognized/i);
  });
});
