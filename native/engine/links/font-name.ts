/**
 * The family and full names of an OpenType/TrueType font file, from its `name` table (OpenType spec, "name —
 * Naming Table"): name IDs 1 (family) and 4 (full name), Windows (platform 3, UTF-16BE) or Macintosh (platform 1,
 * Roman, read as Latin-1) records. Only uncompressed sfnt files (`OTTO`, 0x00010000, `true`); WOFF and WOFF2
 * compress their tables and are reported as unreadable.
 */

/** Names read from a font file, or why none could be. */
export type FontNames = { readonly family: string | null; readonly fullName: string | null } | { readonly failure: string };

const SFNT_TAGS = new Set([0x4f54544f /* OTTO */, 0x00010000, 0x74727565 /* true */]);

/** Read the family and full name of a font file. */
export function fontNames(bytes: Uint8Array): FontNames {
  if (bytes.length < 12) return { failure: 'too short for a font file' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!SFNT_TAGS.has(view.getUint32(0))) return { failure: 'not an uncompressed OpenType/TrueType file' };
  const tables = view.getUint16(4);
  let nameOffset = -1;
  for (let i = 0; i < tables; i++) {
    const at = 12 + i * 16;
    if (at + 16 > bytes.length) return { failure: 'table directory runs past the end of the file' };
    if (view.getUint32(at) === 0x6e616d65 /* name */) nameOffset = view.getUint32(at + 8);
  }
  if (nameOffset < 0 || nameOffset + 6 > bytes.length) return { failure: 'no name table' };
  const count = view.getUint16(nameOffset + 2);
  const strings = nameOffset + view.getUint16(nameOffset + 4);
  const found: Record<number, string> = {};
  for (let i = 0; i < count; i++) {
    const at = nameOffset + 6 + i * 12;
    if (at + 12 > bytes.length) break;
    const platform = view.getUint16(at);
    const nameId = view.getUint16(at + 6);
    const length = view.getUint16(at + 8);
    const start = strings + view.getUint16(at + 10);
    if ((nameId !== 1 && nameId !== 4) || start + length > bytes.length) continue;
    const raw = bytes.subarray(start, start + length);
    let text: string | null = null;
    if (platform === 3 || platform === 0) {
      let s = '';
      for (let k = 0; k + 1 < raw.length; k += 2) s += String.fromCharCode((raw[k]! << 8) | raw[k + 1]!);
      text = s;
    } else if (platform === 1) text = String.fromCharCode(...raw);
    // Windows/Unicode records win over Macintosh ones: they are the ones applications show.
    if (text && (found[nameId] === undefined || platform !== 1)) found[nameId] = text.trim();
  }
  return { family: found[1] ?? null, fullName: found[4] ?? null };
}

/** Whether a font's names are those of OCR-B (ISO 1073-2), the MRZ typeface: "OCR B", "OCR-B", "OCRB", "OCR-B 10 BT". */
export function isOcrBName(name: string | null): boolean {
  return name !== null && /\bocr[\s_-]?b\b/i.test(name.replace(/([a-z])([A-Z])/g, '$1 $2'));
}
