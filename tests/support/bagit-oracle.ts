/**
 * An independent BagIt 1.0 checker for tests, written from RFC 8493 alone (it imports nothing of the engine's
 * bagit code): the simplest honest reading of the RFC's MUSTs for a folder bag. Whole files are read into memory:
 * test bags are small.
 *
 * Checked (RFC 8493 section): bagit.txt exists with exactly the two lines `BagIt-Version: M.N` and
 * `Tag-File-Character-Encoding: ENCODING` (2.1.1); a `data/` folder (2.1.2); at least one payload manifest
 * `manifest-<alg>.txt` (2.1.3); each manifest line is `checksum 1*WSP filepath`, paths relative, with `%0A`,
 * `%0D`, `%25` percent-decoded (2.1.3); every payload file is listed in every payload manifest, every listed file
 * exists, and its checksum matches (3, "complete" and "valid"); tag manifest lines name files outside data/ that
 * exist and match (2.2.1); bag-info.txt lines are `label: value` or continuation lines starting with white space
 * (2.2.2); Payload-Oxum, if present, is `octets.streamcount` of the payload (2.2.2); no `..` in manifest paths (7.2).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

export interface OracleResult {
  readonly valid: boolean;
  readonly errors: string[];
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, rel))) {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(root, r)).isDirectory()) out.push(...listFiles(root, r));
    else out.push(r);
  }
  return out;
}

function decodePath(p: string): string {
  return p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
}

function readManifest(root: string, name: string, errors: string[]): Map<string, string> {
  const entries = new Map<string, string>();
  const text = readFileSync(path.join(root, name), 'utf8');
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line === '') continue;
    const m = /^(\S+)[ \t]+(.*)$/.exec(line);
    if (!m) {
      errors.push(`${name}: malformed line ${JSON.stringify(line)}`);
      continue;
    }
    const file = decodePath(m[2] as string);
    if (file.startsWith('/') || file.split('/').includes('..')) errors.push(`${name}: path outside the bag ${file}`);
    entries.set(file, (m[1] as string).toLowerCase());
  }
  return entries;
}

/** Check a folder bag against RFC 8493. */
export function checkBagWithOracle(root: string): OracleResult {
  const errors: string[] = [];
  const bagitPath = path.join(root, 'bagit.txt');
  if (!existsSync(bagitPath)) return { valid: false, errors: ['bagit.txt missing'] };
  const bagitLines = readFileSync(bagitPath, 'utf8').split(/\r\n|\n|\r/).filter((l) => l !== '');
  if (bagitLines.length !== 2) errors.push(`bagit.txt has ${bagitLines.length} lines, not 2`);
  if (!/^BagIt-Version: \d+\.\d+$/.test(bagitLines[0] ?? '')) errors.push(`bagit.txt line 1: ${bagitLines[0]}`);
  if (!/^Tag-File-Character-Encoding: \S+$/.test(bagitLines[1] ?? '')) errors.push(`bagit.txt line 2: ${bagitLines[1]}`);
  if (!existsSync(path.join(root, 'data')) || !statSync(path.join(root, 'data')).isDirectory()) errors.push('data/ folder missing');

  const all = listFiles(root);
  const payload = all.filter((f) => f.startsWith('data/'));
  const manifests = all.filter((f) => /^manifest-[a-z0-9]+\.txt$/.test(f));
  const tagManifests = all.filter((f) => /^tagmanifest-[a-z0-9]+\.txt$/.test(f));
  if (manifests.length === 0) errors.push('no payload manifest');

  const digest = (alg: string, file: string) => createHash(alg).update(readFileSync(path.join(root, file))).digest('hex');
  for (const name of manifests) {
    const alg = (/^manifest-([a-z0-9]+)\.txt$/.exec(name) as RegExpExecArray)[1] as string;
    const entries = readManifest(root, name, errors);
    for (const f of payload) if (!entries.has(f)) errors.push(`${name}: payload file ${f} not listed`);
    for (const [f, sum] of entries) {
      if (!f.startsWith('data/')) errors.push(`${name}: ${f} is not a payload file`);
      else if (!all.includes(f)) errors.push(`${name}: ${f} listed but missing`);
      else if (digest(alg, f) !== sum) errors.push(`${name}: ${f} checksum mismatch`);
    }
  }
  for (const name of tagManifests) {
    const alg = (/^tagmanifest-([a-z0-9]+)\.txt$/.exec(name) as RegExpExecArray)[1] as string;
    for (const [f, sum] of readManifest(root, name, errors)) {
      if (f.startsWith('data/')) errors.push(`${name}: ${f} is a payload file`);
      else if (!all.includes(f)) errors.push(`${name}: ${f} listed but missing`);
      else if (digest(alg, f) !== sum) errors.push(`${name}: ${f} checksum mismatch`);
    }
  }

  if (existsSync(path.join(root, 'bag-info.txt'))) {
    const fields: [string, string][] = [];
    for (const line of readFileSync(path.join(root, 'bag-info.txt'), 'utf8').split(/\r\n|\n|\r/)) {
      if (line === '') continue;
      if (/^[ \t]/.test(line)) {
        const last = fields[fields.length - 1];
        if (!last) errors.push('bag-info.txt: continuation line first');
        else last[1] += ` ${line.trim()}`;
      } else {
        const m = /^([^:]+):[ \t]*(.*)$/.exec(line);
        if (!m) errors.push(`bag-info.txt: malformed line ${line}`);
        else fields.push([m[1] as string, m[2] as string]);
      }
    }
    const oxum = fields.find(([k]) => k === 'Payload-Oxum')?.[1];
    if (oxum !== undefined) {
      const octets = payload.reduce((s, f) => s + statSync(path.join(root, f)).size, 0);
      if (oxum !== `${octets}.${payload.length}`) errors.push(`bag-info.txt: Payload-Oxum ${oxum} but payload is ${octets}.${payload.length}`);
    }
  }
  return { valid: errors.length === 0, errors };
}

/** bag-info.txt of a folder bag as label → values, continuation lines joined with one space (RFC 8493 §2.2.2). */
export function oracleBagInfo(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let last: { label: string; values: string[] } | null = null;
  for (const line of readFileSync(path.join(root, 'bag-info.txt'), 'utf8').split(/\r\n|\n|\r/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && last) {
      last.values[last.values.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const label = line.slice(0, colon);
    const values = out.get(label) ?? [];
    values.push(line.slice(colon + 1).trim());
    out.set(label, values);
    last = { label, values };
  }
  return out;
}
