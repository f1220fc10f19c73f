import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { makePhotoFolder } from '../fixtures/folder';
import { cliPath, runCli, tempDir } from './helpers';

/**
 * The fault test: kill -9 the CLI in the middle of an import, run the same import again, and check that
 * no file is lost or doubled and the database is intact.
 */
it('a process killed mid-import leaves a consistent case that re-running completes', async () => {
  const source = path.join(tempDir('crash-src'), 'phone');
  const manifest = await makePhotoFolder(source, { count: 60, seed: 21, width: 1600, height: 1200, exactDuplicates: 3 });
  const caseDir = path.join(tempDir('crash-case'), 'case');
  expect(runCli(['case', 'create', caseDir, '--title', 'Crash test']).status).toBe(0);

  const child = spawn(process.execPath, [cliPath(), 'ingest', caseDir, source, '--exhibit', 'EXH-01'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const killedAt = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const done = [...buffer.matchAll(/importing (\d+)\//g)].map((m) => Number(m[1])).pop() ?? 0;
      if (done >= 20) {
        child.kill('SIGKILL');
        resolve(done);
      }
    });
    child.on('exit', () => reject(new Error(`import finished before it could be killed:\n${buffer}`)));
  });
  await new Promise((resolve) => child.once('close', resolve));
  expect(killedAt).toBeLessThan(manifest.files.length);

  const partial = new Database(path.join(caseDir, 'case.sqlite'), { readonly: true });
  const partialCount = (partial.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  partial.close();
  expect(partialCount).toBeLessThan(manifest.files.length);

  const rerun = runCli(['ingest', caseDir, source, '--exhibit', 'EXH-01']);
  expect(rerun.status, rerun.stderr).toBe(0);
  const summary = JSON.parse(rerun.stdout) as { added: number; alreadyPresent: number; items: number };
  expect(summary.items).toBe(manifest.files.length);
  expect(summary.added + summary.alreadyPresent).toBe(manifest.files.length);

  const db = new Database(path.join(caseDir, 'case.sqlite'), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const doubled = db.prepare('SELECT original_path, count(*) AS n FROM items GROUP BY exhibit_id, original_path HAVING n > 1').all();
  expect(doubled).toEqual([]);
  const paths = new Set((db.prepare('SELECT exhibit_path FROM items').pluck().all() as string[]).map((p) => p.replace(/^phone\//, '')));
  for (const file of manifest.files) expect(paths.has(file.path), file.path).toBe(true);
  const statuses = db.prepare('SELECT status FROM imports ORDER BY id').pluck().all();
  expect(statuses).toEqual(['interrupted', 'done']);
  db.close();

  const audit = runCli(['audit', caseDir, '--json']);
  expect(audit.status).toBe(0);
  expect(JSON.parse(audit.stdout).entries.map((e: { action: string }) => e.action)).toContain('import.interrupted');
});
