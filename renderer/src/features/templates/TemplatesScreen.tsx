import { useMemo, useState } from 'react';
import type { PackImportView, TemplateSummaryView } from '../../../../native/engine/contract';
import type { TemplateRef } from '../../app/route';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { errorMessage, formatCount } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import { ConfirmTrustDialog } from './ConfirmTrustDialog';
import { ExportPackDialog } from './ExportPackDialog';
import { PackImportResult } from './PackImportResult';
import { PickPathButton } from './PickPathButton';
import { TemplateDetailPanel } from './TemplateDetailPanel';
import { TemplateLibraryTable, templateKey } from './TemplateLibraryTable';
import { TrustedSigners } from './TrustedSigners';
import type { KnownSigner } from './TrustedSigners';
import './templates.css';

export interface TemplatesScreenProps {
  readonly selected: TemplateRef | null;
  readonly onSelect: (template: TemplateRef | null) => void;
  readonly onNew: (from?: TemplateRef) => void;
}

/** Signers of the loaded packs whose signature verifies, with the templates each signs, and every trusted fingerprint. */
function knownSigners(templates: readonly TemplateSummaryView[], trusted: readonly string[]): KnownSigner[] {
  const bySigner = new Map<string, { trusted: boolean; signs: string[] }>();
  for (const fingerprint of trusted) bySigner.set(fingerprint, { trusted: true, signs: [] });
  for (const t of templates) {
    if (!t.trust.signer) continue;
    const entry = bySigner.get(t.trust.signer) ?? { trusted: t.trust.trustedSigner, signs: [] };
    entry.trusted ||= t.trust.trustedSigner;
    entry.signs.push(`${t.id}@${t.version}`);
    bySigner.set(t.trust.signer, entry);
  }
  return [...bySigner].map(([fingerprint, e]) => ({ fingerprint, trusted: e.trusted, signs: e.signs }));
}

/**
 * The template library (`templates.list`): every template with its trust, one template in detail, importing a
 * pack from a folder, exporting chosen templates as a (signed) pack, the pack signers this workstation trusts,
 * and the way to author a new template.
 */
export function TemplatesScreen({ selected, onSelect, onNew }: TemplatesScreenProps) {
  const { client } = useEngine();
  const [libraryVersion, setLibraryVersion] = useState(0);
  const library = useAsyncData(() => client.call('templates.list', {}), [client, libraryVersion]);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<PackImportView | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [exporting, setExporting] = useState<readonly TemplateSummaryView[] | null>(null);
  const templates = library.data?.templates ?? [];
  const problems = library.data?.problems ?? [];
  const trustedSigners = library.data?.trustedSigners;
  const warned = templates.filter((t) => t.trust.warning);
  const signers = useMemo(() => knownSigners(templates, trustedSigners ?? []), [templates, trustedSigners]);
  const reload = () => setLibraryVersion((v) => v + 1);
  // Ticks of templates no longer in the library are ignored.
  const chosen = templates.filter((t) => checked.has(templateKey(t)));
  const check = (changed: readonly TemplateSummaryView[], on: boolean) =>
    setChecked((current) => {
      const next = new Set(current);
      for (const t of changed) if (on) next.add(templateKey(t));
      else next.delete(templateKey(t));
      return next;
    });

  const importPack = (path: string) => {
    setImporting(true);
    setError(null);
    client.call('templates.importPack', { path }).then(
      (result) => {
        setImporting(false);
        setImported(result);
        reload();
      },
      (failure: unknown) => {
        setImporting(false);
        setError({ title: `Could not import the pack at ${path}.`, message: errorMessage(failure) });
      },
    );
  };
  const setTrust = (fingerprint: string, trusted: boolean) => {
    setConfirm(null);
    setBusy(true);
    setError(null);
    client.call('templates.trustSigner', { fingerprint, trusted }).then(
      (list) => {
        setBusy(false);
        setImported((current) => (current && current.signer ? { ...current, trustedSigner: list.includes(current.signer) } : current));
        reload();
      },
      (failure: unknown) => {
        setBusy(false);
        setError({ title: 'The trusted signers were not changed.', message: errorMessage(failure) });
      },
    );
  };
  const requestTrust = (fingerprint: string, trusted: boolean) => (trusted ? setConfirm(fingerprint) : setTrust(fingerprint, false));

  return (
    <div className="tpl-screen" data-testid="templates-screen">
      <div className="screen-toolbar">
        <h1>Templates</h1>
        <span className="muted" data-testid="template-count" data-count={templates.length}>
          {library.data ? `${formatCount(templates.length)} templates` : library.loading ? 'Loading…' : ''}
        </span>
        <span className="spacer" />
        <button type="button" onClick={reload}>
          Refresh
        </button>
        <button type="button" disabled={!chosen.length} onClick={() => setExporting(chosen)} title={chosen.length ? undefined : 'Tick templates in the table first'} data-testid="export-pack-button" data-count={chosen.length}>
          {chosen.length ? `Export pack (${chosen.length})…` : 'Export pack…'}
        </button>
        <PickPathButton label={importing ? 'Importing…' : 'Import pack…'} title="Choose the folder of a template pack" mode="folder" onPick={importPack} disabled={importing} testId="import-pack-button" onError={(message) => setError({ title: 'Could not open the folder dialog.', message })} />
        <button type="button" className="primary" onClick={() => onNew()} data-testid="new-template-button">
          New template
        </button>
      </div>
      {library.error && (
        <Banner tone="error" title="Could not list the templates.">
          {library.error}
        </Banner>
      )}
      {error && (
        <Banner tone="error" title={error.title} testId="templates-error">
          {error.message}
        </Banner>
      )}
      {warned.length > 0 && (
        <Banner tone={warned.some((t) => t.trust.status === 'invalid') ? 'error' : 'warn'} title={`${warned.length} of ${templates.length} templates load with a warning.`} testId="library-trust-warning">
          Results that use them carry the warning too. {warned.map((t) => `${t.id}@${t.version}`).join(', ')}.
        </Banner>
      )}
      {imported && <PackImportResult result={imported} onTrust={(fp) => setConfirm(fp)} onDismiss={() => setImported(null)} />}
      <div className="tpl-body">
        <div className="tpl-library">
          <TemplateLibraryTable templates={templates} selected={selected} onSelect={(t) => onSelect({ id: t.id, version: t.version })} checked={checked} onCheck={check} />
          {library.data && templates.length === 0 && <div className="empty-state">No templates. Import a pack or author one from a genuine specimen.</div>}
          {problems.length > 0 && (
            <section className="tpl-load-problems" data-testid="library-problems">
              <h3>Folders that did not load ({problems.length})</h3>
              <ul>
                {problems.map((p) => (
                  <li key={p.dir}>
                    <span className="mono">{p.dir}</span>: {p.error}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="tpl-signers-section">
            <h3>Pack signers</h3>
            <TrustedSigners signers={signers} busy={busy} onSet={requestTrust} />
          </section>
        </div>
        <div className="tpl-detail-column">
          {selected ? (
            <TemplateDetailPanel id={selected.id} version={selected.version} libraryVersion={libraryVersion} onNewVersion={(t) => onNew({ id: t.id, version: t.version })} onTrust={requestTrust} onExport={(t) => setExporting([t])} />
          ) : (
            <div className="muted empty-state">Choose a template to see its sides, zones and trust.</div>
          )}
        </div>
      </div>
      {exporting && <ExportPackDialog templates={exporting} onClose={() => setExporting(null)} />}
      {confirm && <ConfirmTrustDialog fingerprint={confirm} onClose={() => setConfirm(null)} onConfirm={() => setTrust(confirm, true)} />}
    </div>
  );
}
