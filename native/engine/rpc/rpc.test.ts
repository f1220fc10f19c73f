import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { writeFileSync, mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineClient, EngineError, type EngineClient, type JobState } from '../contract';
import { createEngine, serveEngine, type Engine } from '../host/engine';
import { memoryTransportPair } from '../host/transports';

let engine: Engine | null = null;
let client: EngineClient | null = null;
afterEach(async () => {
  client?.close();
  await engine?.close();
  engine = null;
  client = null;
});

function connect(): EngineClient {
  engine = createEngine({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'caselens-rpc-')), host: 'test' });
  const pair = memoryTransportPair();
  serveEngine(engine, pair.engine);
  return (client = createEngineClient(pair.client));
}

async function photoFolder(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'caselens-src-'));
  mkdirSync(path.join(dir, 'DCIM'));
  for (let i = 0; i < 3; i++) {
    const jpeg = await sharp({ create: { width: 120 + i * 40, height: 90, channels: 3, background: { r: 40 * i, g: 100, b: 200 - 50 * i } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Acme', Model: `Cam ${i}` } })
      .toBuffer();
    writeFileSync(path.join(dir, 'DCIM', `IMG_${i}.jpg`), jpeg);
  }
  writeFileSync(path.join(dir, 'DCIM', 'copy.jpg'), await sharp({ create: { width: 120, height: 90, channels: 3, background: { r: 0, g: 100, b: 200 } } }).jpeg().withExif({ IFD0: { Make: 'Acme', Model: 'Cam 0' } }).toBuffer());
  return dir;
}

describe('engine contract over the in-memory transport', () => {
  it('runs the analyst journey: case, exhibit, import with progress, grid, item, tag, note, audit', async () => {
    const api = connect();
    const created = await api.call('cases.create', { title: 'Operation Test', examiner: 'A. Analyst' });
    expect((await api.call('cases.list', {})).map((c) => c.id)).toEqual([created.id]);
    const exhibit = await api.call('exhibits.create', { caseId: created.id, record: { label: 'EXH-01', sealNumber: 'S-1', place: '  ', deviceImei: '' } });

    const progress: JobState[] = [];
    api.on('job.progress', (p) => progress.push(p));
    const finished = new Promise<JobState>((resolve) => api.on('job.finished', resolve));
    const { jobId } = await api.call('evidence.import', { caseId: created.id, exhibitId: exhibit.id, paths: [await photoFolder()] });
    const end = await finished;
    expect(end).toMatchObject({ jobId, status: 'done', phase: 'finished', done: 4, total: 4 });
    expect(end.summary).toMatchObject({ added: 4, duplicates: 1, failed: [], items: 4 });
    expect(progress.some((p) => p.phase === 'importing')).toBe(true);
    expect(await api.call('jobs.list', { caseId: created.id })).toEqual([expect.objectContaining({ jobId, exhibitId: exhibit.id, status: 'done' })]);

    const page = await api.call('items.query', { caseId: created.id, offset: 0, limit: 50, filter: { duplicates: 'exact' } });
    expect(page.total).toBe(2);
    const [first] = page.rows;
    const detail = await api.call('items.get', { caseId: created.id, itemId: first!.id });
    expect(detail.duplicates).toHaveLength(1);
    expect(detail.exif.make).toBe('Acme');
    expect(detail.sha256).toMatch(/^[0-9a-f]{64}$/);

    expect(await api.call('tags.add', { caseId: created.id, itemId: first!.id, tag: 'permit photo' })).toEqual(['permit photo']);
    await api.call('notes.add', { caseId: created.id, itemId: first!.id, text: 'Same picture as in Download/' });
    const tagged = await api.call('items.query', { caseId: created.id, offset: 0, limit: 50, filter: { tag: 'permit photo' } });
    expect(tagged.rows.map((r) => r.id)).toEqual([first!.id]);

    const audit = await api.call('audit.list', { caseId: created.id, offset: 0, limit: 20 });
    expect(audit.chainValid).toBe(true);
    expect(audit.entries.map((e) => e.action)).toEqual(['note.added', 'tag.added', 'import.finished', 'import.started', 'exhibit.created', 'case.created']);
    // The collection record as stored: blank fields are not recorded as empty strings.
    expect(audit.entries.find((e) => e.action === 'exhibit.created')!.details).toEqual({ exhibitId: exhibit.id, label: 'EXH-01', sealNumber: 'S-1' });
  });

  it('rejects invalid arguments and unknown methods with their codes, naming the field', async () => {
    const api = connect();
    await expect(api.call('cases.create', { title: '' })).rejects.toMatchObject({ code: 'invalid-args' });
    await expect(api.call('items.query', { caseId: 'x' as never, offset: 0, limit: 10 })).rejects.toThrow(/caseId/);
    await expect(api.call('items.query', { caseId: '00000000-0000-0000-0000-000000000000' as never, offset: -1, limit: 10 })).rejects.toThrow(/offset/);
    await expect(api.call('cases.create', { title: 'x', extra: 1 } as never)).rejects.toMatchObject({ code: 'invalid-args' });
    await expect(api.call('no.such' as never, {} as never)).rejects.toMatchObject({ code: 'unknown-method' });
    const error = await api.call('cases.get', { caseId: '00000000-0000-0000-0000-000000000000' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'not-found' });
  });

  it('refuses relative import paths', async () => {
    const api = connect();
    const c = await api.call('cases.create', { title: 'T' });
    const e = await api.call('exhibits.create', { caseId: c.id, record: { label: 'E' } });
    await expect(api.call('evidence.import', { caseId: c.id, exhibitId: e.id, paths: ['relative/dir'] })).rejects.toThrow(/absolute/);
  });
});
