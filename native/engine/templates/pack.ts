/**
 * Template packs: a folder with `pack.json` (every template folder it carries, every file with its size and
 * SHA-256, and the signer's Ed25519 public key and fingerprint) and `pack.json.sig` (the detached Ed25519
 * signature over the exact bytes of pack.json). Verification recomputes every hash, refuses files the
 * manifest does not list and paths that leave the pack, and checks the signature; a pack that is unsigned
 * or fails any check still loads, with its status shown next to every template it brought.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../contract';
import { verifyEd25519, fingerprintOf, type UnitKey } from '../signing/unit-key';
import { loadTemplate } from './template';

export const PACK_MANIFEST = 'pack.json';
export const PACK_SIGNATURE = 'pack.json.sig';

export interface PackManifest {
  readonly format: 'caselens-template-pack/1';
  readonly createdAt: string;
  readonly templates: readonly { readonly id: string; readonly version: string; readonly dir: string }[];
  readonly files: readonly { readonly path: string; readonly size: number; readonly sha256: string }[];
  readonly signer: { readonly publicKey: string; readonly fingerprint: string } | null;
}

export type PackStatus = 'signed' | 'unsigned' | 'invalid';

export interface PackVerification {
  readonly dir: string;
  readonly status: PackStatus;
  /** The signer's fingerprint when the signature holds. */
  readonly signer: string | null;
  /** Every problem found (a changed, missing or extra file, a bad signature), empty when signed and intact. */
  readonly problems: readonly string[];
  readonly templates: readonly { readonly id: string; readonly version: string; readonly dir: string }[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function filesUnder(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
    const name = path.posix.join(rel, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(root, name)));
    else out.push(name);
  }
  return out.sort();
}

/** Copy template folders into a new pack folder and sign its manifest with `key` (null: an unsigned pack). */
export async function exportPack(templateDirs: readonly string[], packDir: string, key: UnitKey | null, now = new Date()): Promise<PackManifest> {
  await fs.mkdir(packDir, { recursive: true });
  if ((await fs.readdir(packDir)).length) throw new EngineError('conflict', `${packDir} is not empty; a pack needs an empty or new folder`);
  const templates: { id: string; version: string; dir: string }[] = [];
  const files: { path: string; size: number; sha256: string }[] = [];
  for (const dir of templateDirs) {
    const loaded = await loadTemplate(dir);
    const { id, version } = loaded.template;
    if (templates.some((t) => t.id === id)) throw new EngineError('invalid-args', `template ${id} is named twice`);
    templates.push({ id, version, dir: id });
    for (const rel of await filesUnder(loaded.dir)) {
      const bytes = await fs.readFile(path.join(loaded.dir, rel));
      await fs.mkdir(path.join(packDir, id, path.dirname(rel)), { recursive: true });
      await fs.writeFile(path.join(packDir, id, rel), bytes);
      files.push({ path: path.posix.join(id, rel), size: bytes.length, sha256: sha256(bytes) });
    }
  }
  const manifest: PackManifest = {
    format: 'caselens-template-pack/1',
    createdAt: now.toISOString(),
    templates,
    files,
    signer: key ? { publicKey: key.publicKey.toString('base64'), fingerprint: key.fingerprint } : null,
  };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  await fs.writeFile(path.join(packDir, PACK_MANIFEST), bytes);
  if (key) await fs.writeFile(path.join(packDir, PACK_SIGNATURE), `${key.sign(bytes).toString('base64')}\n`);
  return manifest;
}

/** Check a pack folder: manifest, every file, no extra files, and the signature. Never throws for a bad pack. */
export async function verifyPack(packDir: string): Promise<PackVerification> {
  const dir = path.resolve(packDir);
  const problems: string[] = [];
  let raw: Buffer;
  try {
    raw = await fs.readFile(path.join(dir, PACK_MANIFEST));
  } catch {
    return { dir, status: 'invalid', signer: null, problems: [`${PACK_MANIFEST} is missing`], templates: [] };
  }
  let manifest: PackManifest;
  try {
    manifest = JSON.parse(raw.toString('utf8')) as PackManifest;
    if (manifest.format !== 'caselens-template-pack/1' || !Array.isArray(manifest.files) || !Array.isArray(manifest.templates)) throw new Error('not a caselens-template-pack/1 manifest');
  } catch (error) {
    return { dir, status: 'invalid', signer: null, problems: [`${PACK_MANIFEST}: ${error instanceof Error ? error.message : String(error)}`], templates: [] };
  }
  const listed = new Set<string>();
  for (const file of manifest.files) {
    const full = path.resolve(dir, file.path);
    if (path.relative(dir, full).startsWith('..') || path.isAbsolute(file.path)) {
      problems.push(`${file.path}: path leaves the pack`);
      continue;
    }
    listed.add(path.relative(dir, full).split(path.sep).join('/'));
    try {
      const bytes = await fs.readFile(full);
      if (bytes.length !== file.size || sha256(bytes) !== file.sha256) problems.push(`${file.path}: changed (SHA-256 or size differs from the manifest)`);
    } catch {
      problems.push(`${file.path}: missing`);
    }
  }
  for (const rel of await filesUnder(dir)) if (rel !== PACK_MANIFEST && rel !== PACK_SIGNATURE && !listed.has(rel)) problems.push(`${rel}: not listed in the manifest`);
  let signer: string | null = null;
  let signature: Buffer | null = null;
  try {
    signature = Buffer.from((await fs.readFile(path.join(dir, PACK_SIGNATURE), 'utf8')).trim(), 'base64');
  } catch {
    signature = null;
  }
  if (manifest.signer && signature) {
    const publicKey = Buffer.from(manifest.signer.publicKey, 'base64');
    if (fingerprintOf(publicKey) !== manifest.signer.fingerprint) problems.push('signer fingerprint does not belong to the signer key');
    else if (!verifyEd25519(publicKey, raw, signature)) problems.push(`${PACK_SIGNATURE}: the signature does not verify over ${PACK_MANIFEST}`);
    else signer = manifest.signer.fingerprint;
  } else if (manifest.signer || signature) {
    problems.push(manifest.signer ? `${PACK_SIGNATURE} is missing` : `${PACK_SIGNATURE} present but the manifest names no signer`);
  }
  const status: PackStatus = problems.length ? 'invalid' : signer ? 'signed' : 'unsigned';
  return { dir, status, signer, problems, templates: manifest.templates.map((t) => ({ id: t.id, version: t.version, dir: path.join(dir, t.dir) })) };
}
