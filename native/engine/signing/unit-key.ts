/**
 * The unit's Ed25519 signing key (template packs now; evidence packages later). Made at first use and kept
 * at rest as an encrypted PKCS#8 PEM (`<data folder>/keys/unit-ed25519.pem`, AES-256-CBC under a key derived
 * from the passphrase by PBKDF2, as OpenSSL writes it; file mode 0600). Its public half is kept beside it
 * (`unit-ed25519.pub`, SPKI PEM) so the fingerprint can be shown without the passphrase; it is written when the
 * key is made and rewritten whenever the key is opened and the file is missing or differs. The UI sends the
 * passphrase with each signing call; the CLI takes it from `$CASELENS_KEY_PASSPHRASE`.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
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
  const der = (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });
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
/** The public half of the unit key (SPKI PEM, not secret), kept so the fingerprint is known without the passphrase. */
export const unitPublicKeyPath = (dataDir: string) => path.join(dataDir, 'keys', 'unit-ed25519.pub');

/** What can be said about the unit key without its passphrase. */
export interface UnitKeyInfo {
  /** The encrypted private key file exists. */
  readonly exists: boolean;
  /** From the public key file; null when there is no key, or the key was made before that file was kept. */
  readonly fingerprint: string | null;
  /** The private key file. */
  readonly path: string;
}

/** The raw 32-byte key of an Ed25519 SPKI PEM, or null when the text is not one. */
function rawFromPublicPem(pem: string): Buffer | null {
  try {
    return rawPublicKey(createPublicKey({ key: pem, format: 'pem' }));
  } catch {
    return null;
  }
}

/**
 * Whether the unit key exists and its fingerprint, read from the public key file beside it (no passphrase).
 * A public key file without its private key (a key deleted by hand) is ignored.
 * @param dataDir the workstation's data folder (`<dataDir>/keys`).
 */
export async function readUnitKeyInfo(dataDir: string): Promise<UnitKeyInfo> {
  const file = unitKeyPath(dataDir);
  const exists = await fs.stat(file).then((s) => s.isFile(), () => false);
  if (!exists) return { exists, fingerprint: null, path: file };
  const pem = await fs.readFile(unitPublicKeyPath(dataDir), 'utf8').catch(() => null);
  const raw = pem === null ? null : rawFromPublicPem(pem);
  return { exists, fingerprint: raw ? fingerprintOf(raw) : null, path: file };
}

/**
 * Write the public key file when it is missing or names another key (written aside and renamed, so a reader
 * never sees half a file). A failure is ignored: the file only lets the fingerprint be shown before signing,
 * and every pack carries the signer's public key itself.
 */
async function keepPublicKey(dataDir: string, privateKey: KeyObject, publicKey: Buffer): Promise<void> {
  const file = unitPublicKeyPath(dataDir);
  const current = await fs.readFile(file, 'utf8').catch(() => null);
  if (current !== null && rawFromPublicPem(current)?.equals(publicKey)) return;
  const pem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string;
  const scratch = `${file}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await fs.writeFile(scratch, pem, { mode: 0o644 });
    await fs.rename(scratch, file);
  } catch {
    await fs.rm(scratch, { force: true }).catch(() => undefined);
  }
}

/**
 * Open the unit key, making it first if there is none, and keep its public half beside it (readUnitKeyInfo).
 * A passphrase shorter than MIN_PASSPHRASE_LENGTH, and a wrong passphrase, are refused with an `invalid-args` error.
 * @param dataDir the workstation's data folder (`<dataDir>/keys`).
 * @param passphrase the passphrase the PEM is (or will be) encrypted under.
 */
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
  await keepPublicKey(dataDir, privateKey, publicKey);
  return { publicKey, fingerprint: fingerprintOf(publicKey), sign: (data) => sign(null, data, privateKey) };
}
