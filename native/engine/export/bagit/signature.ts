/**
 * The bag's detached signature (`signature.json` at the bag root, outside the tag manifest): Ed25519 over the
 * exact bytes of `tagmanifest-sha256.txt`, which covers bag-info.txt (with the signing key's fingerprint) and the
 * payload manifests, which cover every payload byte.
 */
import { createHash } from 'node:crypto';
import { fingerprintOf, verifyEd25519, type UnitKey } from '../../signing/unit-key';

/** The file the signature is over. */
export const SIGNED_FILE = 'tagmanifest-sha256.txt';
/** Identifies this layout of signature.json, so a later one can be told apart. */
export const SIGNATURE_FORMAT = 'caselens-bag-signature/1';
/** signature.json is tiny; a bigger one is refused unread (bytes). */
export const MAX_SIGNATURE_BYTES = 64 * 1024;

/** Who signs: the unit key and the names written beside the signature. */
export interface BagSigner {
  readonly key: UnitKey;
  /** The person signing (as the workstation's user names them). */
  readonly signer: string;
  readonly workstation: string;
}

/** The contents of signature.json. */
export interface SignatureFile {
  readonly format: typeof SIGNATURE_FORMAT;
  readonly algorithm: 'Ed25519';
  readonly signedFile: typeof SIGNED_FILE;
  /** SHA-256 of the signed file, hex: lets a reader see which tag manifest was signed. */
  readonly signedFileSha256: string;
  /** 64-byte signature, base64. */
  readonly signature: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly signer: string;
  readonly workstation: string;
  /** Local time of signing with its UTC offset, e.g. `2025-03-01T14:05:09+01:00`. */
  readonly signedAt: string;
}

/** Local time with its offset (ISO 8601), not UTC: what the signer's clock showed. */
export function localTimeWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** Sign the tag manifest's bytes; returns signature.json's bytes. */
export function makeSignatureFile(tagManifest: Buffer, signer: BagSigner, now: Date): Buffer {
  const file: SignatureFile = {
    format: SIGNATURE_FORMAT,
    algorithm: 'Ed25519',
    signedFile: SIGNED_FILE,
    signedFileSha256: createHash('sha256').update(tagManifest).digest('hex'),
    signature: signer.key.sign(tagManifest).toString('base64'),
    publicKey: signer.key.publicKey.toString('base64'),
    fingerprint: signer.key.fingerprint,
    signer: signer.signer,
    workstation: signer.workstation,
    signedAt: localTimeWithOffset(now),
  };
  return Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
}

/** What a reader learns from signature.json. */
export interface SignatureCheck {
  /** valid: the signature verifies over tagmanifest-sha256.txt with the key in the file. */
  readonly status: 'valid' | 'invalid' | 'missing';
  /** Fingerprint of the public key in the file (computed, not the one the file claims). */
  readonly fingerprint: string | null;
  readonly signer: string | null;
  readonly workstation: string | null;
  readonly signedAt: string | null;
  /** The key's fingerprint equals bag-info.txt's Signing-Key-Fingerprint (null: no signature to compare). */
  readonly matchesBagInfo: boolean | null;
  /** The key is in the caller's trusted list (null: no list given). */
  readonly trusted: boolean | null;
  readonly problems: readonly string[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * Check signature.json against the tag manifest's bytes and bag-info's fingerprint.
 * @param file signature.json's bytes, or null when absent.
 * @param tagManifest tagmanifest-sha256.txt's bytes, or null when absent.
 * @param bagInfoFingerprint bag-info.txt's Signing-Key-Fingerprint, or null.
 * @param trusted fingerprints the caller trusts (any spacing and case), or undefined for no trust decision.
 */
export function checkSignature(file: Buffer | null, tagManifest: Buffer | null, bagInfoFingerprint: string | null, trusted?: readonly string[]): SignatureCheck {
  const none = { fingerprint: null, signer: null, workstation: null, signedAt: null, matchesBagInfo: null, trusted: trusted ? false : null };
  if (file === null) return { status: 'missing', ...none, problems: [`${'signature.json'} is missing: the bag is not signed`] };
  let parsed: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(file.toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
    parsed = value as Record<string, unknown>;
  } catch (e) {
    return { status: 'invalid', ...none, problems: [`signature.json cannot be read: ${(e as Error).message}`] };
  }
  const problems: string[] = [];
  const publicKey = Buffer.from(str(parsed.publicKey) ?? '', 'base64');
  const signature = Buffer.from(str(parsed.signature) ?? '', 'base64');
  const fingerprint = publicKey.length === 32 ? fingerprintOf(publicKey) : null;
  if (parsed.algorithm !== 'Ed25519') problems.push(`signature.json: algorithm ${JSON.stringify(parsed.algorithm)} is not Ed25519`);
  if (parsed.signedFile !== SIGNED_FILE) problems.push(`signature.json: signs ${JSON.stringify(parsed.signedFile)}, not ${SIGNED_FILE}`);
  if (!fingerprint) problems.push('signature.json: publicKey is not a 32-byte Ed25519 key');
  if (fingerprint && str(parsed.fingerprint) !== fingerprint) problems.push(`signature.json: claimed fingerprint ${JSON.stringify(parsed.fingerprint)} is not the key's (${fingerprint})`);
  if (tagManifest === null) problems.push(`${SIGNED_FILE} is missing: nothing to check the signature against`);
  const verified = fingerprint !== null && tagManifest !== null && verifyEd25519(publicKey, tagManifest, signature);
  if (fingerprint && tagManifest && !verified) problems.push(`signature.json: the signature does not verify over ${SIGNED_FILE} (the file or the signature was changed)`);
  const normal = (f: string) => f.replace(/\s+/g, '').toLowerCase();
  const matchesBagInfo = fingerprint === null ? null : bagInfoFingerprint !== null && normal(bagInfoFingerprint) === normal(fingerprint);
  if (matchesBagInfo === false)
    problems.push(
      bagInfoFingerprint === null
        ? 'bag-info.txt has no Signing-Key-Fingerprint to tie the signature to the bag'
        : `the signing key (${fingerprint}) is not the one bag-info.txt names (${bagInfoFingerprint}): the signature file was replaced`,
    );
  const isTrusted = trusted ? fingerprint !== null && trusted.some((t) => normal(t) === normal(fingerprint)) : null;
  if (isTrusted === false) problems.push(`the signing key ${fingerprint ?? '(none)'} is not among the trusted keys`);
  return {
    status: verified && problems.filter((p) => p.startsWith('signature.json')).length === 0 ? 'valid' : 'invalid',
    fingerprint,
    signer: str(parsed.signer),
    workstation: str(parsed.workstation),
    signedAt: str(parsed.signedAt),
    matchesBagInfo,
    trusted: isTrusted,
    problems,
  };
}
