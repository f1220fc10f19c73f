/**
 * Software named in a file's metadata, classified with the versioned list
 * `resources/data/editor-software.json` (editor, camera/phone firmware, or metadata/transfer utility).
 *
 * Indicators: `metadata.editor-software` (notice, score 0.5: an editor wrote or processed the file;
 * editors also re-save, rotate or only add metadata, so it says nothing about what changed),
 * `metadata.metadata-utility` (notice, 0.3: a transfer or metadata tool rewrote the metadata; the pixels
 * may be untouched) and `metadata.software` (info: firmware or an unlisted program, for the record).
 */
import table from '../../../../resources/data/editor-software.json';
import type { ForensicIndicator } from '../types';
import { indicator, quote } from './indicator';

/** Version of the software list, recorded with the kernel's metrics. */
export const EDITOR_SOFTWARE_VERSION: string = table.version;

export type SoftwareKind = 'editor' | 'firmware' | 'utility';

interface Entry {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly kind: SoftwareKind;
  readonly pattern: RegExp;
  readonly make: RegExp | null;
}

const ENTRIES: readonly Entry[] = table.entries.map((e) => {
  if (e.kind !== 'editor' && e.kind !== 'firmware' && e.kind !== 'utility') throw new Error(`editor-software.json: entry ${e.id} has unknown kind ${e.kind}`);
  const make = 'make' in e && typeof e.make === 'string' ? new RegExp(e.make, 'i') : null;
  return { id: e.id, name: e.name, family: e.family, kind: e.kind, pattern: new RegExp(e.pattern, 'i'), make };
});

/** One software string with where it was read. */
export interface SoftwareMention {
  /** e.g. `EXIF:Software`, `XMP:xmp:CreatorTool`, `XMP:xmpMM:History softwareAgent`. */
  readonly source: string;
  readonly value: string;
}

export interface SoftwareMatch extends SoftwareMention {
  readonly id: string | null;
  readonly name: string | null;
  readonly family: string | null;
  readonly kind: SoftwareKind | 'unknown';
}

/**
 * Classifies one software string: the first list entry whose pattern matches (and whose `make`
 * condition, if any, matches the EXIF Make) wins; `unknown` when none does.
 */
export function classifySoftware(value: string, make: string | null): Omit<SoftwareMatch, 'source' | 'value'> {
  for (const e of ENTRIES) {
    if (e.make && !(make && e.make.test(make))) continue;
    if (e.pattern.test(value)) return { id: e.id, name: e.name, family: e.family, kind: e.kind };
  }
  return { id: null, name: null, family: null, kind: 'unknown' };
}

/** Classifies every mention and turns them into indicators (one per kind present). */
export function softwareIndicators(mentions: readonly SoftwareMention[], make: string | null): { indicators: ForensicIndicator[]; matches: SoftwareMatch[] } {
  const seen = new Set<string>();
  const matches: SoftwareMatch[] = [];
  for (const m of mentions) {
    const key = `${m.source}\u0000${m.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    matches.push({ ...m, ...classifySoftware(m.value, make) });
  }
  const list = (ms: readonly SoftwareMatch[]): string => ms.map((m) => `${m.source} ${quote(m.value)}${m.name ? ` (${m.name})` : ''}`).join('; ');
  const indicators: ForensicIndicator[] = [];
  const editors = matches.filter((m) => m.kind === 'editor');
  if (editors.length > 0) {
    const names = [...new Set(editors.map((m) => m.name))].join(', ');
    indicators.push(indicator('editor-software', 'notice', 0.5,
      `metadata names an image editor: ${list(editors)}. The file was written or processed by ${names}; an editor also re-saves, rotates or only adds metadata, so this does not say what (if anything) in the picture changed`,
      { editors: editors.map((m) => ({ source: m.source, value: m.value, id: m.id, family: m.family })), listVersion: EDITOR_SOFTWARE_VERSION }));
  }
  const utilities = matches.filter((m) => m.kind === 'utility');
  if (utilities.length > 0) {
    indicators.push(indicator('metadata-utility', 'notice', 0.3,
      `metadata names a transfer or metadata tool: ${list(utilities)}. The metadata was rewritten after capture (dates and tags may have been changed); the pixels may be untouched`,
      { utilities: utilities.map((m) => ({ source: m.source, value: m.value, id: m.id })), listVersion: EDITOR_SOFTWARE_VERSION }));
  }
  const others = matches.filter((m) => m.kind === 'firmware' || m.kind === 'unknown');
  if (others.length > 0) {
    const firmware = others.filter((m) => m.kind === 'firmware');
    const unknown = others.filter((m) => m.kind === 'unknown');
    const parts = [firmware.length ? `camera or phone firmware: ${list(firmware)}` : '', unknown.length ? `not in the software list (version ${EDITOR_SOFTWARE_VERSION}): ${list(unknown)}` : ''].filter(Boolean);
    indicators.push(indicator('software', 'info', 0, `software recorded in the metadata, ${parts.join('; ')}`,
      { software: others.map((m) => ({ source: m.source, value: m.value, id: m.id, kind: m.kind })), listVersion: EDITOR_SOFTWARE_VERSION }));
  }
  return { indicators, matches };
}
