/**
 * Bag paths: what a file may be called inside a bag, how a name is written into a manifest (RFC 8493 §2.1.3
 * percent-encoding of CR, LF and `%`), and the collision check that keeps two seized files apart on any
 * filesystem the bag may be copied to (case-insensitive NTFS/APFS, Unicode-normalising APFS/HFS+).
 */

/** The names the bag's own files use at its root: a caller's tag file may not take them. */
export const SIGNATURE_FILE = 'signature.json';
const RESERVED_ROOT = /^(bagit\.txt|bag-info\.txt|fetch\.txt|(tag)?manifest-[^/]+\.txt|signature\.json)$/i;

/** An error in the caller's plan (a bad or colliding name, a wrong expected hash); names the file it is about. */
export class BagPlanError extends Error {
  override readonly name = 'BagPlanError';
}

/** Percent-encode exactly CR, LF and `%` (RFC 8493 §2.1.3: "those characters (and only those)"). */
export function encodeManifestPath(bagPath: string): string {
  return bagPath.replace(/[%\r\n]/g, (c) => (c === '%' ? '%25' : c === '\r' ? '%0D' : '%0A'));
}

/** Undo encodeManifestPath. Other `%` sequences are left as written (RFC 8493 encodes only these three). */
export function decodeManifestPath(field: string): string {
  return field.replace(/%(25|0D|0A)/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Why a path is not acceptable inside a bag, or null. Paths use `/`, are relative, have no empty, `.` or `..`
 * component, no NUL and no backslash (a separator on Windows, so `a\b` would become two levels there).
 */
export function bagPathProblem(bagPath: string): string | null {
  if (bagPath.length === 0) return 'empty path';
  if (bagPath.startsWith('/') || /^[A-Za-z]:/.test(bagPath)) return `absolute path (${JSON.stringify(bagPath)})`;
  if (bagPath.includes('\u0000')) return `path contains a NUL character (${JSON.stringify(bagPath)})`;
  if (bagPath.includes('\\')) return `path contains a backslash, a folder separator on Windows (${JSON.stringify(bagPath)})`;
  const parts = bagPath.split('/');
  if (parts.some((p) => p === '..')) return `path escapes the bag with ".." (${JSON.stringify(bagPath)})`;
  if (parts.some((p) => p === '' || p === '.')) return `path has an empty or "." component (${JSON.stringify(bagPath)})`;
  if (/^\s/.test(bagPath)) return `path starts with white space, which a manifest cannot keep (${JSON.stringify(bagPath)})`;
  return null;
}

/** Check a payload path (must lie under `data/`); throws BagPlanError naming it. */
export function checkPayloadPath(bagPath: string): void {
  const problem = bagPathProblem(bagPath);
  if (problem) throw new BagPlanError(`payload file refused: ${problem}`);
  if (!bagPath.startsWith('data/')) throw new BagPlanError(`payload file refused: ${JSON.stringify(bagPath)} is not under data/`);
}

/** Check a caller's tag file path (outside `data/`, not one of the bag's own files); throws BagPlanError naming it. */
export function checkTagPath(bagPath: string): void {
  const problem = bagPathProblem(bagPath);
  if (problem) throw new BagPlanError(`tag file refused: ${problem}`);
  if (/^data\//i.test(bagPath) || /^data$/i.test(bagPath)) throw new BagPlanError(`tag file refused: ${JSON.stringify(bagPath)} lies in the payload folder data/`);
  if (RESERVED_ROOT.test(bagPath)) throw new BagPlanError(`tag file refused: ${JSON.stringify(bagPath)} is a name the bag itself uses`);
}

/** The form two names take when a filesystem would treat them as one: NFC (macOS normalises) and lower case (NTFS, APFS). */
export const collisionKey = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * Keeps every path and every folder of a bag, refusing exact duplicates, names that differ only by case or
 * Unicode normalisation (at any level: `data/A/x` and `data/a/y` would merge folders on NTFS), and a file
 * that has the same name as a folder.
 */
export class PathRegistry {
  private readonly seen = new Map<string, { spelling: string; kind: 'file' | 'folder' }>();

  /** The bag's own files, so a caller's file cannot collide with them in any spelling. */
  constructor(reserved: readonly string[] = []) {
    for (const name of reserved) this.add(name);
  }

  /** Record a file path; throws BagPlanError naming both files when it collides with one already recorded. */
  add(bagPath: string): void {
    const parts = bagPath.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const spelling = parts.slice(0, i).join('/');
      const kind = i === parts.length ? 'file' : 'folder';
      const key = collisionKey(spelling);
      const known = this.seen.get(key);
      if (!known) {
        this.seen.set(key, { spelling, kind });
        continue;
      }
      if (kind === 'file' && known.kind === 'file' && known.spelling === spelling) throw new BagPlanError(`duplicate path in the bag: ${JSON.stringify(bagPath)}`);
      if (known.spelling !== spelling)
        throw new BagPlanError(
          `${JSON.stringify(bagPath)} collides with ${JSON.stringify(known.spelling)}: the names differ only by case or Unicode normalisation, and would be one file on case-insensitive or normalising filesystems`,
        );
      if (known.kind !== kind) throw new BagPlanError(`${JSON.stringify(spelling)} is both a file and a folder in the bag`);
    }
  }
}
