/**
 * The export dialog's form (docs/EXPORT.md): what each cover-note code means, what the form lacks, and the
 * `ExportRequest` it makes. Pure, so it is tested without a browser.
 */
import type { AssessmentLevel, ExportRequest, ExportScope, HandlingCode, InformationAccuracy, ItemId, SourceReliability } from '../../../../native/engine/contract';

/** One line per SIENA handling code: the meanings the report's cover prints (report/i18n/en.ts). */
export const HANDLING_MEANING: Readonly<Record<HandlingCode, string>> = {
  H0: 'May be used freely within the receiving authorities.',
  H1: 'Not to be used in judicial proceedings without the permission of the provider.',
  H2: 'Not to be disseminated without the permission of the provider.',
  H3: 'Other restrictions apply (state them in the authorization).',
};

/** One line per source-reliability grade (4x4 system), as the report prints it. */
export const RELIABILITY_MEANING: Readonly<Record<SourceReliability, string>> = {
  A: 'No doubt about the source (reliable).',
  B: 'Source mostly reliable.',
  C: 'Source mostly not reliable.',
  X: 'Reliability cannot be assessed.',
};

/** One line per information-accuracy grade (4x4 system), as the report prints it. */
export const ACCURACY_MEANING: Readonly<Record<InformationAccuracy, string>> = {
  1: 'Known to be true without reservation.',
  2: 'Known personally to the source but not to the official passing it on.',
  3: 'Not known personally to the source but corroborated.',
  4: 'Cannot be judged.',
};

/** The assessment levels a scope may pick, with the names the documents view uses. */
export const LEVEL_NAMES: Readonly<Record<AssessmentLevel, string>> = {
  'no-indicators': 'No indicators',
  review: 'Review',
  'strong-indicators': 'Strong indicators',
};

/** Which items go into the package. */
export type ScopeChoice = 'case' | 'selection' | 'tags' | 'levels';

/** Everything the examiner fills in. */
export interface ExportFormState {
  readonly scope: ScopeChoice;
  /** The grid's selection (the scope `selection` exports these). */
  readonly selectedItemIds: readonly ItemId[];
  readonly tags: readonly string[];
  readonly levels: readonly AssessmentLevel[];
  readonly handling: HandlingCode;
  readonly sourceReliability: SourceReliability;
  readonly informationAccuracy: InformationAccuracy;
  readonly authorization: string;
  readonly requestedAction: string;
  readonly organisation: string;
  /** Report languages, primary first. */
  readonly languages: readonly string[];
  readonly zip: boolean;
  readonly outDir: string | null;
  readonly passphrase: string;
  /** Asked only when the unit key does not exist yet (this export makes it). */
  readonly repeat: string;
}

/** What the dialog knows about the unit key. */
export interface KeyFacts {
  readonly exists: boolean;
  readonly minPassphraseLength: number;
  /** The host keeps the passphrase (Electron safeStorage); the field may stay empty. */
  readonly stored: boolean;
}

/** The scope sent to the engine: undefined for the whole case. */
export function scopeOf(form: ExportFormState): ExportScope | undefined {
  switch (form.scope) {
    case 'case':
      return undefined;
    case 'selection':
      return { itemIds: [...form.selectedItemIds] };
    case 'tags':
      return { tags: [...form.tags] };
    case 'levels':
      return { levels: [...form.levels] };
  }
}

/** Why the form cannot be sent yet, one sentence each; empty when it can. */
export function exportFormProblems(form: ExportFormState, key: KeyFacts | null): string[] {
  const problems: string[] = [];
  if (form.scope === 'selection' && form.selectedItemIds.length === 0) problems.push('No items are selected in the grid.');
  if (form.scope === 'tags' && form.tags.length === 0) problems.push('Choose at least one tag.');
  if (form.scope === 'levels' && form.levels.length === 0) problems.push('Choose at least one assessment level.');
  if (!form.authorization.trim()) problems.push('Say who authorised the release (authorization).');
  if (form.languages.length === 0) problems.push('Choose at least one report language.');
  if (new Set(form.languages).size !== form.languages.length) problems.push('The two report languages must differ.');
  if (!form.outDir) problems.push('Choose the output folder.');
  if (!key) problems.push('Reading the unit key…');
  else if (!key.exists) {
    if (form.passphrase.length < key.minPassphraseLength) problems.push(`The new key’s passphrase needs at least ${key.minPassphraseLength} characters.`);
    else if (form.passphrase !== form.repeat) problems.push('The two passphrases differ.');
  } else if (!form.passphrase && !key.stored) problems.push('Enter the unit key passphrase.');
  return problems;
}

/** The request `export.start` takes for a complete form (call `exportFormProblems` first). */
export function exportRequestOf(form: ExportFormState): ExportRequest {
  if (!form.outDir) throw new Error('No output folder chosen.');
  const scope = scopeOf(form);
  return {
    ...(scope ? { scope } : {}),
    coverNote: {
      handling: form.handling,
      sourceReliability: form.sourceReliability,
      informationAccuracy: form.informationAccuracy,
      authorization: form.authorization.trim(),
      requestedAction: form.requestedAction.trim() || null,
    },
    languages: [...form.languages],
    outDir: form.outDir,
    zip: form.zip,
    organisation: form.organisation.trim() || null,
  };
}

/** The passphrase to send: null lets the host use the one it keeps. */
export function passphraseOf(form: ExportFormState, key: KeyFacts | null): string | null {
  return form.passphrase ? form.passphrase : key?.stored ? null : '';
}
