import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openUnitKey, readUnitKeyInfo, unitKeyPath, unitPublicKeyPath } from './unit-key';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'caselens-unitkey-'));
const PASS = 'correct horse battery';

describe('unit key: public half kept beside it', () => {
  it('is unknown before first use, and known without the passphrase once the key is made', async () => {
    const dataDir = tmp();
    expect(await readUnitKeyInfo(dataDir)).toEqual({ exists: false, fingerprint: null, path: unitKeyPath(dataDir) });
    const key = await openUnitKey(dataDir, PASS);
    expect(readFileSync(unitPublicKeyPath(dataDir), 'utf8')).toContain('BEGIN PUBLIC KEY');
    // The public file holds no secret; the private PEM stays 0600.
    expect(statSync(unitKeyPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(await readUnitKeyInfo(dataDir)).toEqual({ exists: true, fingerprint: key.fingerprint, path: unitKeyPath(dataDir) });
  });

  it('reports a key made before the public file was kept as existing with no fingerprint, until it next signs', async () => {
    const dataDir = tmp();
    // A key as the earlier openUnitKey wrote it: the encrypted PEM alone.
    const legacy = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASS }) as string;
    mkdirSync(path.dirname(unitKeyPath(dataDir)), { recursive: true });
    writeFileSync(unitKeyPath(dataDir), legacy, { mode: 0o600 });
    expect(await readUnitKeyInfo(dataDir)).toMatchObject({ exists: true, fingerprint: null });
    // A wrong passphrase writes nothing.
    await expect(openUnitKey(dataDir, 'wrong passphrase!')).rejects.toThrow(/wrong passphrase/);
    expect(await readUnitKeyInfo(dataDir)).toMatchObject({ exists: true, fingerprint: null });
    const key = await openUnitKey(dataDir, PASS);
    expect((await readUnitKeyInfo(dataDir)).fingerprint).toBe(key.fingerprint);
    // The private key is the same one: opening did not replace it.
    expect(readFileSync(unitKeyPath(dataDir), 'utf8')).toBe(legacy);
  });

  it('rewrites a public file that names another key, and ignores a public file whose private key is gone', async () => {
    const dataDir = tmp();
    const key = await openUnitKey(dataDir, PASS);
    const strangerDir = tmp();
    const stranger = await openUnitKey(strangerDir, PASS);
    writeFileSync(unitPublicKeyPath(dataDir), readFileSync(unitPublicKeyPath(strangerDir)));
    expect((await readUnitKeyInfo(dataDir)).fingerprint).toBe(stranger.fingerprint);
    expect((await openUnitKey(dataDir, PASS)).fingerprint).toBe(key.fingerprint);
    expect((await readUnitKeyInfo(dataDir)).fingerprint).toBe(key.fingerprint);

    writeFileSync(unitPublicKeyPath(dataDir), 'not a key');
    expect(await readUnitKeyInfo(dataDir)).toMatchObject({ exists: true, fingerprint: null });
    rmSync(unitKeyPath(dataDir));
    writeFileSync(unitPublicKeyPath(dataDir), readFileSync(unitPublicKeyPath(strangerDir)));
    expect(await readUnitKeyInfo(dataDir)).toEqual({ exists: false, fingerprint: null, path: unitKeyPath(dataDir) });
    // A new key made there replaces the stale public file.
    const renewed = await openUnitKey(dataDir, PASS);
    expect((await readUnitKeyInfo(dataDir)).fingerprint).toBe(renewed.fingerprint);
    expect(renewed.fingerprint).not.toBe(key.fingerprint);
  });
});
