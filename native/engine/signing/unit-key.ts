/**
 * The unit's Ed25519 signing key (template packs now; evidence packages later). Made at first use and kept
 * at rest as an encrypted PKCS#8 PEM (`<data folder>/keys/unit-ed25519.pem`, AES-256-CBC under a key derived
 * from the passphrase by PBKDF2, as OpenSSL writes it; file mode 0600). The Electron app will hold the
 * passphrase in safeStorage; the CLI takes it from `$CASELENS_KEY_PASSPHRASE`.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../contract';

/** The 12-byte DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Passphrases shorter than this are refused: the PEM's encryption is only as strong as its passphrase. */
export const MIN_PASSPHRASE_LENGTH = 8;

export interface UnitKey {
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Buffer;
  readonly fingerprint: string;
  sign(data: Buffer): Buffer;
}

/** SHA-256 of the raw public key, as 16 groups of 4 hex digits: what the UI, the report and a pack show. */
export function fingerprintOf(publicKey: Buffer): string {
  return (createHash('sha256').update(publicKey).digest('hex').match(/.{4}/g) ?? []).join(' ');
}

function rawPublicKey(key: KeyObject): Buffer {
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' });
  if (der.length !== 44 || !der.subarray(0, 12).equals(ED25519_SPKI_PREFIX)) throw new Error('not an Ed25519 public key');
  return der.subarray(12);
}

/** Check an Ed25519 signature by a raw 32-byte public key. */
export function verifyEd25519(publicKey: Buffer, data: Buffer, signature: Buffer): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return verify(null, data, key, signature);
}

export const unitKeyPath = (dataDir: string) => path.join(dataDir, 'keys', 'unit-ed25519.pem');

/** Open the unit key, making it first if there is none. A wrong passphrase is refused with a clear error. */
export async function openUnitKey(dataDir: string, passphrase: string): Promise<UnitKey> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new EngineError('invalid-args', `the key passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const file = unitKeyPath(dataDir);
  let pem: string;
  try {
    pem = await fs.readFile(file, 'utf8');
  } catch {
    const pair = generateKeyPairSync('ed25519');
    pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // `wx`: never overwrite a key another process made meanwhile.
    await fs.writeFile(file, pem, { mode: 0o600, flag: 'wx' });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, passphrase });
  } catch {
    throw new EngineError('invalid-args', `cannot open the unit key ${file}: wrong passphrase or damaged file`);
  }
  const publicKey = rawPublicKey(privateKey);
  return { publicKey, fingerprint: fingerprintOf(publicKey), sign: (data) => sign(null, data, privateKey) };
}
