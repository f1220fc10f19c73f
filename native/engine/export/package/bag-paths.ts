/**
 * Paths inside the package for what seized devices call their files. A device's names can hold anything a
 * filesystem allowed (`:`, `\`, control characters, names that differ only by case); the receiving unit may
 * unpack the zip on Windows or macOS. Each path segment is made portable, and two files whose paths would meet on
 * a case-insensitive or normalising filesystem get the item id appended, so nothing is overwritten. The original
 * path stays in the CASE graph and in entities.json.
 */

/** Characters Windows refuses in names, and control characters: replaced by `_`. */
const UNSAFE = /[\u0000-\u001f\u007f\\:*?"<>|]/g;
/** A segment longer than this (in UTF-16 units) is cut, keeping its extension: filesystems stop at 255 bytes. */
const MAX_SEGMENT = 120;

/** One portable path segment. */
export function portableSegment(segment: string): string {
  let s = segment.normalize('NFC').replace(UNSAFE, '_').replace(/[. ]+$/, (m) => '_'.repeat(m.length));
  if (s === '' || s === '.' || s === '..') s = '_';
  if (s.length > MAX_SEGMENT) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 12 ? s.slice(dot) : '';
    s = s.slice(0, MAX_SEGMENT - ext.length) + ext;
  }
  return s;
}

/** A relative path (`/` or `\` separated, zip entries `a.zip!/b.jpg`) as portable segments joined by `/`. */
export function portablePath(relative: string): string {
  return relative
    .split(/[/\\]|!\//)
    .filter((s) => s !== '' && s !== '.')
    .map(portableSegment)
    .join('/');
}

/** Hands out bag paths, unique even on case-insensitive, normalising filesystems. */
export class BagPaths {
  private readonly taken = new Set<string>();

  /**
   * A free bag path for `wanted`; on a collision, `~<suffix>` goes before the extension (`IMG_1.jpg` → `IMG_1~item12.jpg`).
   * @param wanted the path as built from portable segments
   * @param suffix what makes it unique (e.g. `item12`)
   */
  claim(wanted: string, suffix: string): string {
    let candidate = wanted;
    for (let n = 1; this.taken.has(candidate.normalize('NFC').toLowerCase()); n++) {
      const slash = wanted.lastIndexOf('/');
      const dot = wanted.lastIndexOf('.');
      const cut = dot > slash + 1 ? dot : wanted.length;
      candidate = `${wanted.slice(0, cut)}~${suffix}${n > 1 ? `-${n}` : ''}${wanted.slice(cut)}`;
    }
    this.taken.add(candidate.normalize('NFC').toLowerCase());
    return candidate;
  }
}

/** File extension for a media type of a stored image. */
export function extensionOf(mediaType: string): string {
  return mediaType === 'image/jpeg' ? '.jpg' : mediaType === 'image/png' ? '.png' : mediaType === 'application/json' ? '.json' : '.bin';
}
