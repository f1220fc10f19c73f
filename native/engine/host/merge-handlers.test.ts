import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineClient, type EngineClient, type JobState } from '../contract';
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

function workstation(): EngineClient {
  const engine = createEngine({ dataDir: tmp('data'), host: 'test' });
  const pair = memoryTransportPair();
  serveEngine(engine, pair.engine);
  const api = createEngineClient(pair.client);
  engines.push(engine);
  clients.push(api);
  return api;
}

function finished(api: EngineClient, jobId: string): Promise<JobState> {
  return new Promise((resolve) => {
    const off = api.on('job.finished', (state) => {
      if (state.jobId !== jobId) return;
      off();
      resolve(state);
    });
  });
}

/** A one-photo case on workstation `api`, exported as a package folder. */
async function packageFrom(api: EngineClient): Promise<{ path: string; fingerprint: string }> {
  const source = tmp('src');
  writeFileSync(path.join(source, 'IMG_0001.jpg'), await sharp({ create: { width: 64, height: 48, channels: 3, background: '#806040' } }).jpeg().toBuffer());
  const summary = await api.call('cases.create', { title: 'Source', reference: 'KT-1/2026', examiner: 'Insp. Source' });
  const exhibit = await api.call('exhibits.create', { caseId: summary.id, record: { label: 'PHONE-A', sealNumber: 'SEAL-1' } });
  await finished(api, (await api.call('evidence.import', { caseId: summary.id, exhibitId: exhibit.id, paths: [source] })).jobId);
  const { jobId } = await api.call('export.start', { caseId: summary.id, request: { coverNote: cover, outDir: tmp('out') }, passphrase: PASS });
  const state = await finished(api, jobId);
  return { path: state.exported!.path, fingerprint: state.exported!.fingerprint };
}

describe('export.merge', () => {
  it('merges another workstation’s package into a coordination case and reports a missing one as refused', async () => {
    const pkg = await packageFrom(workstation());
    const centre = workstation();
    const coord = await centre.call('cases.create', { title: 'Coordination', reference: 'JIT-1', examiner: 'Coordinator' });
    const missing = path.join(tmp('gone'), 'EXP_none');
    const view = await centre.call('export.merge', { caseId: coord.id, paths: [pkg.path, missing] });
    expect(view.packages.map((p) => [p.accepted, p.fingerprint, p.itemsAdded])).toEqual([
      [true, pkg.fingerprint, 1],
      [false, null, 0],
    ]);
    expect(view.packages[1]!.reason).toMatch(/no such file/);
    const exhibits = await centre.call('exhibits.list', { caseId: coord.id });
    expect(exhibits.map((e) => [e.label, e.sealNumber, e.itemCount])).toEqual([['KT-1/2026 · PHONE-A', 'SEAL-1', 1]]);
    expect(view.shared).toEqual([]);
  });

  it('refuses relative paths and an empty list before doing anything', async () => {
    const api = workstation();
    const coord = await api.call('cases.create', { title: 'Coordination' });
    await expect(api.call('export.merge', { caseId: coord.id, paths: ['relative/EXP_x'] })).rejects.toThrow(/absolute/);
    await expect(api.call('export.merge', { caseId: coord.id, paths: [] })).rejects.toThrow();
    expect(await api.call('exhibits.list', { caseId: coord.id })).toEqual([]);
  });
});
