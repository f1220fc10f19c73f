/**
 * Cross-check of one printed (VIZ) field against its MRZ value, tolerating the variants ICAO Doc 9303
 * allows (transliteration, Part 3 section 6; name truncation, Part 3 4.6.4; code and date notations) and
 * reporting the rest. A `mismatch` is a clue for the examiner, not proof: the VIZ text may itself be misread.
 */
import { classifyCountryCode } from './mrz/country-codes';
import { parseVizDate } from './mrz/viz-dates';
import { mrzRenderings, normalizeForSearch } from './transliteration';

/** Fields that can be cross-checked. */
export type VizField = 'surname' | 'givenNames' | 'name' | 'birthDate' | 'expiryDate' | 'documentNumber' | 'nationality' | 'issuingState' | 'sex';

/** Verdict of one cross-check. */
export interface CrossCheckResult {
  readonly status: 'match' | 'variant' | 'mismatch' | 'missing';
  readonly explanation: string;
  readonly vizNormalized: string;
  readonly mrzNormalized: string;
}

/** Options of `crossCheckField`. */
export interface CrossCheckOptions {
  /** The MRZ name field had no trailing filler, so the name may be truncated (Doc 9303 Part 3, 4.6.4). */
  readonly mrzFieldFull?: boolean;
}

const spaced = (mrz: string) => mrz.toUpperCase().replace(/</g, ' ').replace(/\s+/g, ' ').trim();
const result = (status: CrossCheckResult['status'], explanation: string, vizNormalized: string, mrzNormalized: string): CrossCheckResult => ({ status, explanation, vizNormalized, mrzNormalized });

function crossCheckName(viz: string, mrz: string, options: CrossCheckOptions): CrossCheckResult {
  const mrzText = spaced(mrz);
  // Bilingual VIZ (`Ђорђе / Đorđe`): each script is tried.
  const printed = viz.split('/').map((s) => s.trim()).filter(Boolean);
  const renderings = printed.map((p) => mrzRenderings(p).map(spaced));
  const preferred = renderings[0]?.[0] ?? '';
  for (const list of renderings) {
    if (list[0] === mrzText) return result('match', `MRZ '${mrzText}' is the Doc 9303 rendering of '${viz}'`, list[0], mrzText);
    const other = list.find((r) => r === mrzText);
    if (other) return result('variant', `MRZ '${mrzText}' is a legitimate transliteration variant of '${viz}' (preferred '${list[0] ?? ''}')`, other, mrzText);
  }
  if (options.mrzFieldFull && mrzText.length > 0) {
    const truncated = renderings.flat().find((r) => r.startsWith(mrzText) && r.length > mrzText.length);
    if (truncated) return result('variant', `MRZ name field is full and holds the first ${mrzText.length} of ${truncated.length} characters of '${truncated}' (truncation, Doc 9303 Part 3 4.6.4)`, truncated, mrzText);
  }
  return result('mismatch', `MRZ '${mrzText}' is none of the ${renderings.flat().length} legitimate renderings of '${viz}' (e.g. '${preferred}')`, preferred, mrzText);
}

function crossCheckDate(viz: string, mrz: string): CrossCheckResult {
  const date = parseVizDate(viz);
  const mrzRaw = mrz.trim().toUpperCase();
  if (!date) return result('mismatch', `printed date '${viz}' is not in a recognised notation; compare by hand`, normalizeForSearch(viz), mrzRaw);
  const two = (n: number | null) => (n === null ? '<<' : String(n).padStart(2, '0'));
  const printed = `${two(date.yy)}${two(date.month)}${two(date.day)}`;
  if (!/^[0-9<]{6}$/.test(mrzRaw)) return result('mismatch', `MRZ date '${mrzRaw}' is not YYMMDD`, printed, mrzRaw);
  if (printed === mrzRaw) return result('match', `printed ${viz} is ${mrzRaw} in YYMMDD${date.year === null ? ' (printed year has 2 digits)' : ''}`, printed, mrzRaw);
  const agreeOnKnown = [0, 2, 4].every((i) => mrzRaw.slice(i, i + 2) === '<<' || printed.slice(i, i + 2) === '<<' || mrzRaw.slice(i, i + 2) === printed.slice(i, i + 2));
  if (agreeOnKnown) return result('variant', `printed ${viz} (${printed}) and MRZ ${mrzRaw} agree on every part both state; the other parts are marked unknown`, printed, mrzRaw);
  return result('mismatch', `printed ${viz} is ${printed} in YYMMDD, MRZ has ${mrzRaw}`, printed, mrzRaw);
}

/** OCR-B / print look-alikes, for explaining a number mismatch (it stays a mismatch). */
const LOOK_ALIKE_CLASS: Readonly<Record<string, string>> = { O: '0', Q: '0', D: '0', I: '1', L: '1', Z: '2', S: '5', G: '6', B: '8' };

function crossCheckNumber(viz: string, mrz: string): CrossCheckResult {
  const mrzText = mrz.toUpperCase().replace(/</g, '');
  const compact = viz.toUpperCase().replace(/\s+/g, '');
  const bare = compact.replace(/[-./]/g, '');
  if (compact === mrzText) return result('match', `printed number equals MRZ '${mrzText}'`, compact, mrzText);
  if (bare === mrzText) return result('variant', `printed number equals MRZ '${mrzText}' once punctuation is removed`, bare, mrzText);
  const fold = (s: string) => [...s].map((c) => LOOK_ALIKE_CLASS[c] ?? c).join('');
  const note = fold(bare) === fold(mrzText) ? ' (they differ only in look-alike characters such as O/0: check which side was misread)' : '';
  return result('mismatch', `printed number '${bare}' differs from MRZ '${mrzText}'${note}`, bare, mrzText);
}

function crossCheckCode(field: VizField, viz: string, mrz: string): CrossCheckResult {
  const mrzCode = mrz.toUpperCase().replace(/<+$/, '');
  const printed = viz.trim().toUpperCase();
  if (printed === mrzCode) return result('match', `printed ${field} equals MRZ '${mrzCode}'`, printed, mrzCode);
  if (mrzCode === 'D' && printed === 'DEU') return result('variant', `Germany is DEU in ISO 3166 and D in the MRZ (Doc 9303 Part 3, section 5)`, printed, mrzCode);
  if (/^[A-Z]{3}$/.test(printed) && classifyCountryCode(printed).kind !== 'unknown') return result('mismatch', `printed ${field} code '${printed}' differs from MRZ '${mrzCode}'`, printed, mrzCode);
  return result('mismatch', `printed ${field} '${viz}' is not a known code; compare with MRZ '${mrzCode}' by hand`, normalizeForSearch(viz), mrzCode);
}

/** Printed sex markers → MRZ code. Ž/Ж (ženski/женски), W (weiblich), F (femër, female) are female. */
const SEX_MARKERS: Readonly<Record<string, string>> = {
  M: 'M', М: 'M', MALE: 'M', MUSKO: 'M', МУШКО: 'M', MASHKULL: 'M', MANNLICH: 'M',
  F: 'F', Ž: 'F', Ж: 'F', W: 'F', FEMALE: 'F', ZENSKO: 'F', ЖЕНСКО: 'F', FEMER: 'F', WEIBLICH: 'F',
  X: 'X', '<': '<', '-': '<', '*': '<',
};

function crossCheckSex(viz: string, mrz: string): CrossCheckResult {
  const mrzCode = mrz.trim().toUpperCase();
  const tokens = viz.trim().toUpperCase().split(/\s*\/\s*/).filter(Boolean);
  const codes = new Set(tokens.map((t) => SEX_MARKERS[t] ?? SEX_MARKERS[t.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC')] ?? SEX_MARKERS[t.normalize('NFC')] ?? '?'));
  const code = codes.size === 1 ? ([...codes][0] ?? '?') : '?';
  if (code === '?') return result('mismatch', `printed sex '${viz}' is not a recognised marker (or its bilingual parts disagree)`, tokens.join('/'), mrzCode);
  if (code !== mrzCode) return result('mismatch', `printed sex '${viz}' means ${code}, MRZ has '${mrzCode}'`, code, mrzCode);
  if (tokens.every((t) => t === mrzCode)) return result('match', `printed sex equals MRZ '${mrzCode}'`, code, mrzCode);
  return result('variant', `printed '${viz}' is the national marker for ${mrzCode}`, code, mrzCode);
}

/**
 * Compares the printed value of `field` with its MRZ value (raw MRZ characters or the parser's cleaned
 * text; fillers are handled). Names use the transliteration table (`mrzRenderings`); a name the MRZ holds
 * truncated is a `variant` only when `options.mrzFieldFull` says the MRZ name field was full. Dates accept
 * the VIZ notations of `parseVizDate` against MRZ YYMMDD. `missing` when either side is empty.
 * Known limitations: printed nationality words (e.g. `SRPSKO`) are not mapped to codes; name truncation is
 * recognised only as a prefix, not as initials.
 */
export function crossCheckField(field: VizField, vizText: string, mrzValue: string, options: CrossCheckOptions = {}): CrossCheckResult {
  const viz = vizText.trim();
  const mrz = mrzValue.trim();
  const mrzEmpty = field === 'sex' ? mrz === '' : !mrz.replace(/</g, ''); // `<` is a sex value (unspecified)
  if (!viz || mrzEmpty) return result('missing', `${!viz ? 'printed' : 'MRZ'} ${field} is empty`, normalizeForSearch(viz), spaced(mrz));
  switch (field) {
    case 'surname':
    case 'givenNames':
    case 'name':
      return crossCheckName(viz, mrz, options);
    case 'birthDate':
    case 'expiryDate':
      return crossCheckDate(viz, mrz);
    case 'documentNumber':
      return crossCheckNumber(viz, mrz);
    case 'nationality':
    case 'issuingState':
      return crossCheckCode(field, viz, mrz);
    case 'sex':
      return crossCheckSex(viz, mrz);
  }
}
