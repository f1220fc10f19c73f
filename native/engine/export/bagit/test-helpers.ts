/** Shared by the bagit tests: an in-memory unit key, a temp folder, and a small plan with every kind of entry. */
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fingerprintOf, type UnitKey } from '../../signing/unit-key';
import type { BagSigner } from './signature';
import type { BagPlan } from './writer';

/** A fresh Ed25519 key shaped like the unit key (no file, no passphrase). */
export function testKey(): UnitKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).subarray(12);
  return { publicKey, fingerprint: fingerprintOf(publicKey), sign: (data) => sign(null, data, privateKey) };
}

export const testSigner = (key = testKey()): BagSigner => ({ key, signer: 'Insp. Test', workstation: 'WS-TEST' });

export const tempDir = (label: string) => mkdtempSync(path.join(os.tmpdir(), `caselens-bagit-${label}-`));

/** Deterministic bytes (xorshift), so a multi-chunk file has no repeating 1 MiB blocks. */
export function pseudoRandomBytes(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Source files on disk plus a plan over them: a multi-chunk file, a small one, odd names, bytes, tag files. */
export async function samplePlan(dir: string): Promise<BagPlan> {
  const src = path.join(dir, 'src');
  await fs.mkdir(src, { recursive: true });
  await fs.writeFile(path.join(src, 'big.bin'), pseudoRandomBytes(2.5 * 1024 * 1024 + 17, 7));
  await fs.writeFile(path.join(src, 'photo.jpg'), pseudoRandomBytes(4000, 8));
  await fs.writeFile(path.join(src, 'empty'), Buffer.alloc(0));
  return {
    payload: [
      { path: 'data/evidence/E1/big.bin', source: { file: path.join(src, 'big.bin') } },
      { path: 'data/evidence/E1/IMG 0001 100%.jpg', source: { file: path.join(src, 'photo.jpg') } },
      { path: 'data/evidence/E2/line\nbreak.txt', source: { bytes: Buffer.from('name with a line feed\n') } },
      { path: 'data/evidence/E2/empty', source: { file: path.join(src, 'empty') } },
      { path: 'data/report/findings.csv', source: { bytes: Buffer.from('id,finding\n1,MRZ check digit\n') } },
    ],
    tags: [
      { path: 'metadata/case.jsonld', source: { bytes: Buffer.from('{"@context":{},"@graph":[]}\n') } },
      { path: 'metadata/custody-log.jsonl', source: { bytes: Buffer.from('{"seq":1}\n') } },
    ],
    sourceOrganization: 'Border Police, Document Unit',
    externalIdentifier: 'EXP_CASE-7_20250301T120000Z',
    info: [
      { label: 'Handling-Code', value: 'H1' },
      { label: 'Source-Reliability', value: 'B' },
      { label: 'Information-Accuracy', value: '2' },
      { label: 'Authorization', value: 'Prosecutor order 2025/117 of 1 March 2025, for exchange with the partner unit through SIENA only' },
    ],
  };
}
