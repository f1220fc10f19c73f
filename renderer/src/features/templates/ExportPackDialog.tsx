import { useState } from 'react';
import type { PackExportView, TemplateSummaryView } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { errorMessage } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import { PackExportResult } from './PackExportResult';
import { PackSigningFields } from './PackSigningFields';
import { PickPathButton } from './PickPathButton';
import { trustLabel } from './TrustWarning';
import { defaultPackName, exportProblems, packFolder } from './pack-export-form';

export interface ExportPackDialogProps {
  readonly templates: readonly TemplateSummaryView[];
  readonly onClose: () => void;
}

/**
 * "Export pack…": the templates chosen, the pack folder (a new folder inside a chosen one, or an empty folder),
 * signed with the unit key (`keys.unit` shows its fingerprint first) or explicitly unsigned; then what
 * `templates.exportPack` wrote. Errors stay in the dialog.
 */
export function ExportPackDialog({ templates, onClose }: ExportPackDialogProps) {
  const { client } = useEngine();
  const unitKey = useAsyncData(() => client.call('keys.unit', {}), [client]);
  const [parent, setParent] = useState<string | null>(null);
  const [name, setName] = useState(() => defaultPackName(templates, new Date()));
  const [unsigned, setUnsigned] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PackExportView | null>(null);
  const [keyPath, setKeyPath] = useState<string | null>(null);

  /** A change to the form clears the last refusal: it answered the form as it was. */
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setError(null);
      set(value);
    };

  const key = unitKey.data;
  const problems = exportProblems({ templates, parent, name, unsigned, passphrase, repeat, keyExists: key?.exists ?? true, minPassphraseLength: key?.minPassphraseLength ?? 0 });
  if (!unsigned && !key) problems.push(unitKey.error ? 'The unit key could not be read: export unsigned or try again later.' : 'Reading the unit key…');
  const target = parent ? packFolder(parent, name) : null;

  const submit = () => {
    if (problems.length || !target || busy) return;
    setBusy(true);
    setError(null);
    client.call('templates.exportPack', { templates: templates.map((t) => ({ id: t.id, version: t.version })), dir: target, passphrase: unsigned ? null : passphrase }).then(
      (written) => {
        setBusy(false);
        setPassphrase('');
        setRepeat('');
        setKeyPath(key?.path ?? null);
        setResult(written);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  };

  const footer = result ? (
    <button type="button" className="primary" onClick={onClose} data-testid="export-close">
      Close
    </button>
  ) : (
    <>
      <button type="button" onClick={onClose} disabled={busy}>
        Cancel
      </button>
      <button type="button" className="primary" onClick={submit} disabled={problems.length > 0 || busy} data-testid="export-submit">
        {busy ? 'Exporting…' : unsigned ? 'Export unsigned' : 'Sign and export'}
      </button>
    </>
  );

  return (
    <Dialog title={templates.length === 1 ? 'Export template pack' : `Export ${templates.length} templates as a pack`} onClose={busy ? undefined : onClose} width={680} footer={footer} testId="export-pack-dialog">
      {result ? (
        <PackExportResult result={result} keyPath={keyPath} />
      ) : (
        // A <div>, not a <form>: the browser-mode folder dialog opened from here holds a form of its own.
        <div className="tpl-export">
          <section className="tpl-export-section">
            <h3>Templates</h3>
            <ul className="tpl-export-list" data-testid="export-templates">
              {templates.map((t) => (
                <li key={`${t.id}@${t.version}`} data-template-id={t.id}>
                  <span className="tpl-title">{t.title}</span>
                  <span className="mono muted">
                    {t.id}@{t.version}
                  </span>
                  <span className={`trust-chip trust-${t.trust.status}${t.trust.status === 'signed' && !t.trust.trustedSigner ? ' untrusted' : ''}`}>{trustLabel(t.trust)}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="tpl-export-section">
            <h3>Pack folder</h3>
            <div className="tpl-export-folder">
              <span className={`mono${parent ? '' : ' muted'}`} data-testid="export-parent">
                {parent ?? 'No folder chosen'}
              </span>
              <PickPathButton label={parent ? 'Change…' : 'Choose folder…'} title="Choose where to save the pack" mode="folder" onPick={edit(setParent)} disabled={busy} testId="export-folder-button" onError={(message) => setError(message)} />
            </div>
            <Field label="New folder inside it" hint="Made by the export. Leave empty to write into the chosen folder itself, which must then be empty.">
              <input type="text" value={name} onChange={(event) => edit(setName)(event.target.value)} spellCheck={false} disabled={busy} data-testid="export-folder-name" />
            </Field>
            {target && (
              <div className="muted">
                Pack: <span className="mono" data-testid="export-target">{target}</span>
              </div>
            )}
          </section>
          <PackSigningFields
            unitKey={key}
            unitKeyError={unitKey.error}
            unsigned={unsigned}
            passphrase={passphrase}
            repeat={repeat}
            disabled={busy}
            onUnsigned={edit(setUnsigned)}
            onPassphrase={edit(setPassphrase)}
            onRepeat={edit(setRepeat)}
            onEnter={submit}
          />
          {problems.length > 0 && (
            <ul className="tpl-export-problems" data-testid="export-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {error && (
            <Banner tone="error" title="The pack was not exported." testId="export-error">
              {error}
            </Banner>
          )}
        </div>
      )}
    </Dialog>
  );
}
