/**
 * The bag's text tag files (RFC 8493): `bagit.txt`, `bag-info.txt` (label: value lines, long values folded),
 * and manifests (`<checksum> <path>` lines), written and read.
 */
import { BagPlanError, decodeManifestPath, encodeManifestPath } from './paths';

/** The BagIt version and tag encoding this writer produces. */
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** RFC 8493 §2.2.2 recommends lines of at most 79 characters; longer values are folded at spaces. */
const MAX_LINE = 79;

/** One bag-info.txt element. Labels may repeat (RFC 8493 §2.2.2), so this is a list, not a record. */
export interface BagInfoField {
  readonly label: string;
  readonly value: string;
}

/** Why a label or value cannot be written to bag-info.txt, or null. */
export function bagInfoFieldProblem({ label, value }: BagInfoField): string | null {
  if (!/^[^:\s][^:\r\n]*$/.test(label) || /\s$/.test(label)) return `bag-info label ${JSON.stringify(label)} is empty, has a colon or a line break, or starts or ends with white space`;
  if (/[\r\n]/.test(value)) return `bag-info value of ${label} contains a line break`;
  if (/^\s|\s$/.test(value)) return `bag-info value of ${label} starts or ends with white space, which a reader trims`;
  return null;
}

/**
 * One element as `Label: value` lines. A line longer than MAX_LINE is broken before a single space that sits
 * between two non-space characters, so the continuation line starts with that space: a reader that deletes the
 * line break and one that trims the indent and joins with one space both get the value back exactly. A value
 * with no such space stays on one long line (allowed: the line length is only recommended).
 */
export function formatBagInfoField(field: BagInfoField): string {
  const problem = bagInfoFieldProblem(field);
  if (problem) throw new BagPlanError(problem);
  let rest = `${field.label}: ${field.value}`;
  const lines: string[] = [];
  while (rest.length > MAX_LINE) {
    let cut = -1;
    for (let i = Math.min(MAX_LINE, rest.length - 1); i > field.label.length + 2; i--) {
      if (rest[i] === ' ' && rest[i - 1] !== ' ' && rest[i + 1] !== ' ' && rest[i + 1] !== undefined) {
        cut = i;
        break;
      }
    }
    if (cut < 0) break;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return `${lines.join('\n')}\n`;
}

/** The whole bag-info.txt. */
export const formatBagInfo = (fields: readonly BagInfoField[]) => fields.map(formatBagInfoField).join('');

/** A parsed tag file: its elements in order, and what was wrong with its lines. */
export interface ParsedTagFile {
  readonly fields: BagInfoField[];
  readonly problems: string[];
}

/**
 * Read `Label: value` lines (bagit.txt, bag-info.txt). Continuation lines (starting with a space or tab) are
 * joined to the value with one space, their indent trimmed. A UTF-8 BOM is reported (RFC 8493 §2.1.1 forbids it).
 */
export function parseTagFile(text: string, fileName: string): ParsedTagFile {
  const fields: { label: string; value: string }[] = [];
  const problems: string[] = [];
  if (text.startsWith('\uFEFF')) problems.push(`${fileName} starts with a byte-order mark`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line)) {
      if (last) last.value = `${last.value} ${line.trim()}`;
      else problems.push(`${fileName} line ${i + 1} continues a value but none precedes it`);
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problems.push(`${fileName} line ${i + 1} is not "Label: value": ${JSON.stringify(line.slice(0, 80))}`);
      return;
    }
    fields.push({ label: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  });
  return { fields, problems };
}

/** The first value of a label (labels compare case-insensitively, as bag readers commonly do). */
export const fieldValue = (fields: readonly BagInfoField[], label: string) => fields.find((f) => f.label.toLowerCase() === label.toLowerCase())?.value ?? null;

/** One manifest line's text. */
export const manifestLine = (checksum: string, bagPath: string) => `${checksum}  ${encodeManifestPath(bagPath)}\n`;

/** One parsed manifest line. */
export interface ManifestEntry {
  readonly path: string;
  readonly checksum: string;
  readonly line: number;
}

/**
 * Parse one manifest line (`checksum 1*WSP filepath`, path percent-decoded), or return why it is malformed.
 * @param hexLength the checksum's length in hex digits for the manifest's algorithm.
 */
export function parseManifestLine(text: string, hexLength: number): { checksum: string; path: string } | string {
  const match = /^([0-9A-Fa-f]+)[ \t]+(.+)$/.exec(text);
  if (!match) return `not "checksum path": ${JSON.stringify(text.slice(0, 120))}`;
  const checksum = (match[1] as string).toLowerCase();
  if (checksum.length !== hexLength) return `checksum has ${checksum.length} hex digits, expected ${hexLength}`;
  return { checksum, path: decodeManifestPath(match[2] as string) };
}
