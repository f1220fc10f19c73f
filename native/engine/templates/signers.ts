/**
 * This workstation's trusted template-pack signers: a JSON list of Ed25519 key fingerprints in
 * `<data folder>/trusted-signers.json`. A pack whose signature verifies but whose signer is not on the list
 * still loads, with a warning to check the fingerprint with the sender out of band (telephone, SIENA).
 * The unit's own key is always trusted.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../contract';

export const TRUSTED_SIGNERS_FILE = 'trusted-signers.json';

/**
 * A fingerprint as CaseLens writes it (unit-key.ts: SHA-256 of the raw key, 16 groups of 4 hex digits separated
 * by spaces), from what a person typed or pasted (any separators, any case); null when it is not 64 hex digits.
 */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.toLowerCase().replace(/[^0-9a-f]/g, '');
  if (hex.length !== 64 || /[^0-9a-f\s:-]/i.test(text.trim())) return null;
  return (hex.match(/.{4}/g) ?? []).join(' ');
}

/** The trusted fingerprints (empty when the file does not exist yet). A damaged file is an error, never "trust nobody" silently. */
export async function readTrustedSigners(dataDir: string): Promise<string[]> {
  const file = path.join(dataDir, TRUSTED_SIGNERS_FILE);
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new EngineError('internal', `${file} is not valid JSON; fix or remove it`);
  }
  const list = (parsed as { signers?: unknown }).signers;
  if (!Array.isArray(list) || !list.every((f): f is string => typeof f === 'string')) throw new EngineError('internal', `${file} has no "signers" list of fingerprints`);
  return list;
}

/** Add or remove one fingerprint; returns the new list. Written to a temporary file first, then renamed. */
export async function setTrustedSigner(dataDir: string, fingerprint: string, trusted: boolean): Promise<string[]> {
  const fp = normalizeFingerprint(fingerprint);
  if (!fp) throw new EngineError('invalid-args', `"${fingerprint}" is not a signer fingerprint (64 hex digits, as CaseLens shows them in 16 groups of 4)`);
  const current = await readTrustedSigners(dataDir);
  const next = trusted ? [...new Set([...current, fp])] : current.filter((f) => f !== fp);
  await fs.mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, TRUSTED_SIGNERS_FILE);
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify({ format: 'caselens-trusted-signers/1', signers: next }, null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file);
  return next;
}
