/**
 * Messenger and system file-name patterns, as versioned data (`resources/data/messenger-names.json`).
 * A match says what the name encodes and how to read it; it is a clue about the file's route, not proof.
 */
import table from '../../../resources/data/messenger-names.json';
import type { MessengerName } from '../contract';

interface PatternSpec {
  readonly id: string;
  readonly app: string;
  readonly regex: string;
  readonly fields: readonly string[];
  readonly meaning: string;
}

/** Version of the pattern table, recorded with each import. */
export const MESSENGER_PATTERNS_VERSION: string = table.version;

const PATTERNS = (table.patterns as PatternSpec[]).map((spec) => ({ ...spec, compiled: new RegExp(spec.regex) }));

const validDate = (y: string, m: string, d: string) => {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
};

/** Interpret a file name (no folders) against the pattern table; null when nothing matches. */
export function parseMessengerName(fileName: string): MessengerName | null {
  for (const pattern of PATTERNS) {
    const match = pattern.compiled.exec(fileName);
    if (!match) continue;
    const field = (name: string) => {
      const index = pattern.fields.indexOf(name);
      return index >= 0 ? (match[index + 1] ?? null) : null;
    };
    const [year, month, day] = [field('year'), field('month'), field('day')];
    if (!year || !month || !day || !validDate(year, month, day)) continue;
    const hour = field('hour');
    return {
      app: pattern.app,
      patternId: pattern.id,
      date: `${year}-${month}-${day}`,
      time: hour ? `${hour.padStart(2, '0')}:${field('minute')}:${field('second')}` : null,
      sequence: field('sequence'),
      meaning: pattern.meaning,
    };
  }
  return null;
}
