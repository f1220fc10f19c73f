import { useState } from 'react';
import type { AssessmentLevel, CaseId, HandlingCode, InformationAccuracy, ItemId, SourceReliability } from '../../../../native/engine/contract';
import { HANDLING_CODES, INFORMATION_ACCURACIES, SOURCE_RELIABILITIES } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useAsyncData } from '../../components/useAsyncData';
import { isFinalJobState } from '../import/job-state';
import { PickPathButton } from '../templates/PickPathButton';
import { ExportPackageProgress } from './ExportPackageProgress';
import { ExportPackageResult } from './ExportPackageResult';
import { ACCURACY_MEANING, exportFormProblems, exportRequestOf, HANDLING_MEANING, LEVEL_NAMES, passphraseOf, RELIABILITY_MEANING, type ExportFormState, type ScopeChoice } from './export-package-form';
import { useExportJob } from './useExportJob';
import '../item/item.css';
import './packages-export.css';

export interface ExportPackageDialogProps {
  readonly caseId: CaseId;
  /** The items selected in the evidence grid (empty: the "selected items" scope is not offered). */
  readonly selectedItemIds: readonly ItemId[];
  readonly onClose: () => void;
  /** Open the verify screen on the package just made. */
  readonly onVerify: (path: string) => void;
}

const LEVELS: readonly AssessmentLevel[] = ['strong-indicators', 'review', 'no-indicators'];

/**
 * "Export evidence package…": scope, cover note, organisation, report languages, folder or zip, output folder and
 * the unit key passphrase; then the export job's progress (cancel) and what it made (docs/EXPORT.md).
 */
export function ExportPackageDialog({ caseId, selectedItemIds, onClose, onVerify }: ExportPackageDialogProps) {
  const { client } = useEngine();
  const unitKey = useAsyncData(() => client.call('keys.unit', {}), [client]);
  const languages = useAsyncData(() => client.call('export.languages', {}), [client]);
  const tags = useAsyncData(() => client.call('tags.list', { caseId }), [client, caseId]);
  const exportJob = useExportJob(caseId);
  const [form, setForm] = useState<ExportFormState>(() => ({
    scope: selectedItemIds.length > 0 ? 'selection' : 'case',
    selectedItemIds,
    tags: [],
    levels: [],
    handling: 'H1',
    sourceReliability: 'B',
    informationAccuracy: 2,
    authorization: '',
    requestedAction: '',
    organisation: '',
    languages: ['en', 'sr-Latn'],
    zip: true,
    outDir: null,
    passphrase: '',
    repeat: '',
  }));
  const set = <K extends keyof ExportFormState>(key: K, value: ExportFormState[K]) => setForm((current) => ({ ...current, [key]: value }));
  const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));

  const key = unitKey.data ? { exists: unitKey.data.exists, minPassphraseLength: unitKey.data.minPassphraseLength, stored: unitKey.data.passphraseKept === true } : null;
  const problems = exportFormProblems(form, key);
  const job = exportJob.job;
  const running = exportJob.starting || (job !== null && !isFinalJobState(job));
  const exported = job?.status === 'done' ? job.exported ?? null : null;

  const submit = () => {
    if (problems.length || running) return;
    exportJob.start(exportRequestOf(form), passphraseOf(form, key));
    setForm((current) => ({ ...current, passphrase: '', repeat: '' }));
  };

  const footer = exported ? (
    <>
      <button type="button" onClick={() => onVerify(exported.path)} data-testid="pkg-verify-result">
        Verify this package
      </button>
      <button type="button" className="primary" onClick={onClose} data-testid="pkg-export-close">
        Close
      </button>
    </>
  ) : running ? (
    <button type="button" onClick={exportJob.cancel} data-testid="pkg-export-cancel">
      Cancel export
    </button>
  ) : (
    <>
      <button type="button" onClick={onClose} data-testid="pkg-export-dismiss">
        Close
      </button>
      <button type="button" className="primary" onClick={submit} disabled={problems.length > 0} data-testid="pkg-export-submit">
        Sign and export
      </button>
    </>
  );

  const scopeOption = (value: ScopeChoice, label: string, disabled = false) => (
    <label className="pkg-radio">
      <input type="radio" name="pkg-scope" checked={form.scope === value} disabled={disabled || running} onChange={() => set('scope', value)} data-testid={`pkg-scope-${value}`} />
      <span>{label}</span>
    </label>
  );

  return (
    <Dialog title="Export evidence package" onClose={running ? undefined : onClose} width={760} footer={footer} testId="pkg-export-dialog">
      {running || exported ? (
        <div className="pkg-export">
          <ExportPackageProgress job={job} />
          {exported && <ExportPackageResult exported={exported} keyMade={key?.exists === false} />}
        </div>
      ) : (
        <div className="pkg-export">
          {job?.status === 'failed' && (
            <Banner tone="error" title="The package was not made." testId="pkg-export-failed">
              {job.error ?? 'The export failed.'} Nothing was left behind in the output folder.
            </Banner>
          )}
          {job?.status === 'cancelled' && (
            <Banner tone="warn" title="Export cancelled." testId="pkg-export-cancelled">
              Nothing was left behind in the output folder.
            </Banner>
          )}
          <section className="pkg-section">
            <h3>What goes in</h3>
            <div className="pkg-scope">
              {scopeOption('case', 'The whole case')}
              {scopeOption('selection', selectedItemIds.length ? `The ${selectedItemIds.length === 1 ? 'item' : `${selectedItemIds.length} items`} selected in the grid` : 'Items selected in the grid (none selected)', selectedItemIds.length === 0)}
              {scopeOption('tags', 'Items with tags', (tags.data ?? []).length === 0)}
              {form.scope === 'tags' && (
                <div className="pkg-chips" data-testid="pkg-tags">
                  {(tags.data ?? []).map((tag) => (
                    <label key={tag} className="pkg-chip">
                      <input type="checkbox" checked={form.tags.includes(tag)} onChange={(event) => set('tags', toggle(form.tags, tag, event.target.checked))} />
                      {tag}
                    </label>
                  ))}
                </div>
              )}
              {scopeOption('levels', 'Items with documents assessed at')}
              {form.scope === 'levels' && (
                <div className="pkg-chips" data-testid="pkg-levels">
                  {LEVELS.map((level) => (
                    <label key={level} className="pkg-chip">
                      <input type="checkbox" checked={form.levels.includes(level)} onChange={(event) => set('levels', toggle(form.levels, level, event.target.checked))} />
                      {LEVEL_NAMES[level]}
                    </label>
                  ))}
                </div>
              )}
            </div>
          </section>

          <section className="pkg-section">
            <h3>Cover note</h3>
            <div className="pkg-codes">
              <CodeField label="Handling code" value={form.handling} codes={HANDLING_CODES} meaning={HANDLING_MEANING} onChange={(v) => set('handling', v as HandlingCode)} testId="pkg-handling" />
              <CodeField label="Source reliability" value={form.sourceReliability} codes={SOURCE_RELIABILITIES} meaning={RELIABILITY_MEANING} onChange={(v) => set('sourceReliability', v as SourceReliability)} testId="pkg-reliability" />
              <CodeField label="Information accuracy" value={form.informationAccuracy} codes={INFORMATION_ACCURACIES} meaning={ACCURACY_MEANING} onChange={(v) => set('informationAccuracy', Number(v) as InformationAccuracy)} testId="pkg-accuracy" />
            </div>
            <div className="form-grid">
              <Field label="Authorization" required wide hint="Who authorised the release, and on what basis.">
                <input type="text" value={form.authorization} onChange={(event) => set('authorization', event.target.value)} data-testid="pkg-authorization" />
              </Field>
              <Field label="Requested action" wide hint="Optional: what the receiving unit is asked to do.">
                <input type="text" value={form.requestedAction} onChange={(event) => set('requestedAction', event.target.value)} data-testid="pkg-requested-action" />
              </Field>
              <Field label="Organisation" hint="The unit on the report’s cover and in bag-info.txt.">
                <input type="text" value={form.organisation} onChange={(event) => set('organisation', event.target.value)} data-testid="pkg-organisation" />
              </Field>
              <Field label="Report languages" hint="Labels in both, primary first.">
                <span className="pkg-languages">
                  {[0, 1].map((slot) => (
                    <select
                      key={slot}
                      value={form.languages[slot] ?? ''}
                      onChange={(event) => set('languages', slot === 0 ? [event.target.value, ...form.languages.slice(1)] : event.target.value ? [form.languages[0] ?? 'en', event.target.value] : form.languages.slice(0, 1))}
                      data-testid={`pkg-language-${slot}`}
                    >
                      {slot === 1 && <option value="">(none)</option>}
                      {(languages.data ?? [{ tag: 'en', name: 'English' }]).map((language) => (
                        <option key={language.tag} value={language.tag}>
                          {language.name}
                        </option>
                      ))}
                    </select>
                  ))}
                </span>
              </Field>
            </div>
          </section>

          <section className="pkg-section">
            <h3>Output</h3>
            <div className="pkg-scope pkg-inline">
              <label className="pkg-radio">
                <input type="radio" name="pkg-container" checked={form.zip} onChange={() => set('zip', true)} data-testid="pkg-zip" />
                <span>One zip file</span>
              </label>
              <label className="pkg-radio">
                <input type="radio" name="pkg-container" checked={!form.zip} onChange={() => set('zip', false)} data-testid="pkg-folder" />
                <span>A folder</span>
              </label>
            </div>
            <div className="pkg-outdir">
              <span className={`mono${form.outDir ? '' : ' muted'}`} data-testid="pkg-outdir">
                {form.outDir ?? 'No folder chosen'}
              </span>
              <PickPathButton label={form.outDir ? 'Change…' : 'Choose folder…'} title="Choose where to write the package" mode="folder" onPick={(dir) => set('outDir', dir)} testId="pkg-outdir-button" />
            </div>
            <span className="muted">The package is named EXP_&lt;case reference&gt;_&lt;UTC time&gt;{form.zip ? '.zip' : ''} inside it; nothing there is overwritten.</span>
          </section>

          <section className="pkg-section" data-testid="pkg-signing">
            <h3>Signature</h3>
            {unitKey.error && <Banner tone="error" title="Could not read the unit key.">{unitKey.error}</Banner>}
            {unitKey.data && !unitKey.data.exists && (
              <Banner tone="warn" title="No unit key yet." testId="pkg-key-new">
                This first export makes the unit’s signing key, encrypted under the passphrase below, in <span className="mono">{unitKey.data.path}</span>. The passphrase cannot be recovered.
              </Banner>
            )}
            {unitKey.data?.exists && (
              <div className="pkg-key" data-testid="pkg-key" data-fingerprint={unitKey.data.fingerprint ?? ''}>
                <span className="field-label">Signs with the unit key</span>
                <span className="mono pkg-fingerprint">{unitKey.data.fingerprint ?? 'fingerprint shown after this signing'}</span>
              </div>
            )}
            <div className="form-grid">
              <Field label="Key passphrase" hint={key?.stored ? 'Kept by this workstation: leave empty to use it.' : key && !key.exists ? `At least ${key.minPassphraseLength} characters.` : undefined}>
                <input type="password" value={form.passphrase} onChange={(event) => set('passphrase', event.target.value)} autoComplete={key?.exists ? 'current-password' : 'new-password'} data-testid="pkg-passphrase" />
              </Field>
              {key && !key.exists && (
                <Field label="Repeat passphrase">
                  <input type="password" value={form.repeat} onChange={(event) => set('repeat', event.target.value)} autoComplete="new-password" data-testid="pkg-passphrase-repeat" />
                </Field>
              )}
            </div>
          </section>

          {problems.length > 0 && (
            <ul className="pkg-problems" data-testid="pkg-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {exportJob.error && (
        <Banner tone="error" title="The export did not start." testId="pkg-export-error">
          {exportJob.error}
        </Banner>
      )}
    </Dialog>
  );
}

interface CodeFieldProps<T extends string | number> {
  readonly label: string;
  readonly value: T;
  readonly codes: readonly T[];
  readonly meaning: Readonly<Record<T, string>>;
  readonly onChange: (value: string) => void;
  readonly testId: string;
}

/** A cover-note code chooser with the chosen code's meaning under it. */
function CodeField<T extends string | number>({ label, value, codes, meaning, onChange, testId }: CodeFieldProps<T>) {
  return (
    <Field label={label}>
      <select value={String(value)} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        {codes.map((code) => (
          <option key={code} value={String(code)}>
            {code}
          </option>
        ))}
      </select>
      <span className="pkg-meaning" data-testid={`${testId}-meaning`}>
        {meaning[value]}
      </span>
    </Field>
  );
}
