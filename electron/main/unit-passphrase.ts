/**
 * The unit key passphrase at rest on this workstation: encrypted with Electron's `safeStorage` (the OS keychain,
 * DPAPI or libsecret) in `<userData>/keys/unit-passphrase.safe`, readable only by this user on this machine. Kept
 * only when safeStorage can encrypt; otherwise nothing is written and the examiner is asked every time.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';

/** The file holding the encrypted passphrase. */
export function passphraseFile(userData: string): string {
  return path.join(userData, 'keys', 'unit-passphrase.safe');
}

/** Keep a passphrase that opened the unit key (written to a temporary file, then renamed; owner-only). */
export async function keepPassphrase(userData: string, passphrase: string): Promise<void> {
  if (!safeStorage.isEncryptionAvailable()) return;
  const file = passphraseFile(userData);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(temp, safeStorage.encryptString(passphrase), { mode: 0o600 });
  await fs.rename(temp, file);
}

/** The kept passphrase, or null when none is kept, safeStorage cannot decrypt, or the file is unreadable. */
export async function readPassphrase(userData: string): Promise<string | null> {
  if (!safeStorage.isEncryptionAvailable()) return null;
  try {
    return safeStorage.decryptString(await fs.readFile(passphraseFile(userData)));
  } catch {
    return null;
  }
}
