import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobStore, CopyVerificationError } from './blob-store';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('blob store', () => {
  it('stores content under its hash, read-only, and verifies the copy', async () => {
    const store = new BlobStore(mkdtempSync(path.join(os.tmpdir(), 'caselens-blob-')));
    await store.init();
    const data = Buffer.from('evidence bytes');
    const file = await store.put(data, sha(data), { verify: true });
    expect(file).toBe(store.pathOf(sha(data)));
    expect(readFileSync(file)).toEqual(data);
    expect(statSync(file).mode & 0o222).toBe(0);
    expect(await store.put(data, sha(data), { verify: true })).toBe(file);
  });

  it('detects a stored copy that differs from the original and removes it', async () => {
    const store = new BlobStore(mkdtempSync(path.join(os.tmpdir(), 'caselens-blob-')));
    await store.init();
    const data = Buffer.from('original');
    const file = await store.put(data, sha(data));
    chmodSync(file, 0o644);
    writeFileSync(file, 'tampered');
    await expect(store.put(data, sha(data), { verify: true })).rejects.toBeInstanceOf(CopyVerificationError);
    expect(await store.has(sha(data))).toBe(false);
    await expect(store.verify(sha(data))).rejects.toThrow();
  });

  it('refuses names that are not SHA-256 digests', () => {
    const store = new BlobStore('/tmp/x');
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
  });
});
