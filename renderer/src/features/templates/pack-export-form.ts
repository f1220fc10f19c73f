/**
 * The pure part of the "Export pack…" dialog: the pack folder from the chosen folder and a new folder name, the
 * name proposed, and what still stops the export (shown under the form; the engine checks everything again).
 */
import type { TemplateSummaryView } from '../../../../native/engine/contract';

/** What the dialog's form holds. */
export interface PackExportForm {
  readonly templates: readonly TemplateSummaryView[];
  /** The folder chosen with the folder dialog, or null. */
  readonly parent: string | null;
  /** A new folder to make inside it; empty: write into the chosen folder itself (it must be empty). */
  readonly name: string;
  readonly unsigned: boolean;
  readonly passphrase: string;
  /** The passphrase again, asked only when the unit key is made by this export. */
  readonly repeat: string;
  /** The unit key exists already (`keys.unit`); otherwise this passphrase makes it. */
  readonly keyExists: boolean;
  readonly minPassphraseLength: number;
}

/** Windows paths (a drive letter or a backslash and no slash) take a backslash; everything else a slash. */
function separatorOf(folder: string): '/' | '\\' {
  return /^[A-Za-z]:/.test(folder) || (folder.includes('\\') && !folder.includes('/')) ? '\\' : '/';
}

/**
 * The pack folder: `name` inside `parent`, or `parent` itself when `name` is empty.
 * @param parent an absolute folder path as the folder dialog gave it.
 * @param name a folder name (no separators), possibly empty.
 */
export function packFolder(parent: string, name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return parent;
  const sep = separatorOf(parent);
  return parent.endsWith(sep) ? `${parent}${trimmed}` : `${parent}${sep}${trimmed}`;
}

/** Why a new folder name cannot be used, or null. */
export function folderNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return null;
  if (/[/\\]/.test(trimmed)) return 'The folder name must not contain / or \\.';
  if (trimmed === '.' || trimmed === '..') return 'The folder name must not be . or ..';
  // Characters Windows refuses in names, so a pack made here can be copied there under the same name.
  if (/[<>:"|?*]/.test(trimmed)) return 'The folder name must not contain < > : " | ? *';
  return null;
}

/**
 * The folder name proposed for a pack: `<id>-<version>-pack` for one template, else
 * `caselens-templates-<YYYY-MM-DD>`.
 */
export function defaultPackName(templates: readonly TemplateSummaryView[], today: Date): string {
  const only = templates.length === 1 ? templates[0] : undefined;
  return only ? `${only.id}-${only.version}-pack` : `caselens-templates-${today.toISOString().slice(0, 10)}`;
}

/** Templates that cannot be exported and why: failed verification, or a second version of an id. */
export function templateProblems(templates: readonly TemplateSummaryView[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const t of templates) {
    if (t.trust.status === 'invalid') problems.push(`${t.id}@${t.version} failed its pack's verification and is not exported.`);
    if (seen.has(t.id)) problems.push(`${t.id} is chosen in more than one version; a pack holds one version of each template.`);
    seen.add(t.id);
  }
  return problems;
}

/** Everything that still stops the export, in the order of the form; empty when it can start. */
export function exportProblems(form: PackExportForm): string[] {
  const problems = templateProblems(form.templates);
  if (!form.templates.length) problems.push('Choose at least one template.');
  if (!form.parent) problems.push('Choose where to save the pack.');
  const nameProblem = folderNameProblem(form.name);
  if (nameProblem) problems.push(nameProblem);
  if (!form.unsigned) {
    if (form.passphrase.length < form.minPassphraseLength) problems.push(`The passphrase needs at least ${form.minPassphraseLength} characters.`);
    else if (!form.keyExists && form.passphrase !== form.repeat) problems.push('The two passphrases differ.');
  }
  return problems;
}
