/** The worker pool runs real kernels off the main thread, in parallel, and survives failures and aborts. */
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeForensicInput } from '../input';
import { ForensicPool } from './pool';

const pool = new ForensicPool(2);
afterAll(() => pool.close());

async function input(width: number, height: number) {
  const jpeg = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 25 } } }).jpeg({ quality: 90 }).toBuffer();
  return decodeForensicInput(jpeg);
}

describe('forensic worker pool', () => {
  it('runs a kernel in a worker and returns its result with the maps in stored form', async () => {
    const run = await pool.run('ela', await input(320, 240));
    expect(run.result.maps).toEqual({});
    const ela = run.maps.ela!;
    expect([ela.width, ela.height, ela.levels.length]).toEqual([320, 240, 320 * 240]);
    expect(run.ms).toBeGreaterThan(0);
  });

  it('runs jobs concurrently on the same shared input', async () => {
    const shared = await input(640, 480);
    const runs = await Promise.all([pool.run('ela', shared), pool.run('ela', shared), pool.run('ela', shared)]);
    expect(new Set(runs.map((r) => Buffer.from(r.maps.ela!.levels).toString('base64'))).size).toBe(1);
  });

  it('rejects an unknown kernel with its name, and keeps working', async () => {
    await expect(pool.run('no-such-kernel', await input(16, 16))).rejects.toThrow(/unknown forensic kernel no-such-kernel/);
    await expect(pool.run('ela', await input(64, 64))).resolves.toBeTruthy();
  });

  it('aborts a running job by terminating its worker, then serves the next job', async () => {
    const controller = new AbortController();
    const big = await input(3000, 2000);
    const running = pool.run('ela', big, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toThrow(/aborted/);
    await expect(pool.run('ela', await input(64, 64))).resolves.toBeTruthy();
  });

  it('refuses work once closed', async () => {
    const closed = new ForensicPool(1);
    await closed.close();
    await expect(closed.run('ela', await input(16, 16))).rejects.toThrow(/closed/);
  });
});
