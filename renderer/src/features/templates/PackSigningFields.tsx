import type { KeyboardEvent } from 'react';
import type { UnitKeyView } from '../../../../native/engine/contract';
import { Banner } from '../../components/Banner';
import { Field } from '../../components/Field';

export interface PackSigningFieldsProps {
  /** The unit key as `keys.unit` reports it; undefined while loading. */
  readonly unitKey: UnitKeyView | undefined;
  readonly unitKeyError: string | null;
  readonly unsigned: boolean;
  readonly passphrase: string;
  readonly repeat: string;
  readonly disabled: boolean;
  readonly onUnsigned: (unsigned: boolean) => void;
  readonly onPassphrase: (value: string) => void;
  readonly onRepeat: (value: string) => void;
  /** Enter in a passphrase field. */
  readonly onEnter: () => void;
}

/** What the unit key is before signing: its fingerprint, or that this export makes it, or that its fingerprint comes after. */
function KeyState({ unitKey }: { readonly unitKey: UnitKeyView }) {
  if (!unitKey.exists) {
    return (
      <Banner tone="warn" title="No unit key yet." testId="export-key-new">
        This export makes one, encrypted under the passphrase below, in <span className="mono">{unitKey.path}</span>. The passphrase cannot be recovered: without it the key can never sign again.
      </Banner>
    );
  }
  return (
    <div className="tpl-export-key" data-testid="export-key" data-fingerprint={unitKey.fingerprint ?? ''}>
      <span className="field-label">Signs with the unit key</span>
      {unitKey.fingerprint ? (
        <span className="mono tpl-fingerprint-big" data-testid="export-key-fingerprint">
          {unitKey.fingerprint}
        </span>
      ) : (
        <span className="muted">The key was made before its fingerprint was kept; the fingerprint is shown after this signing.</span>
      )}
      <span className="mono muted tpl-fingerprint">{unitKey.path}</span>
    </div>
  );
}

/** Sign with the unit key (passphrase, repeated when the key is made now) or, explicitly, export unsigned. */
export function PackSigningFields({ unitKey, unitKeyError, unsigned, passphrase, repeat, disabled, onUnsigned, onPassphrase, onRepeat, onEnter }: PackSigningFieldsProps) {
  const min = unitKey?.minPassphraseLength;
  const enter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onEnter();
    }
  };
  return (
    <section className="tpl-export-section" data-testid="export-signing">
      <h3>Signature</h3>
      {!unsigned && unitKeyError && (
        <Banner tone="error" title="Could not read the unit key.">
          {unitKeyError}
        </Banner>
      )}
      {!unsigned && unitKey && <KeyState unitKey={unitKey} />}
      {!unsigned && (
        <div className="tpl-export-passphrases">
          <Field label="Key passphrase" hint={min ? `At least ${min} characters.` : undefined}>
            <input type="password" value={passphrase} onChange={(event) => onPassphrase(event.target.value)} autoComplete={unitKey?.exists ? 'current-password' : 'new-password'} onKeyDown={enter} disabled={disabled} data-testid="export-passphrase" />
          </Field>
          {unitKey && !unitKey.exists && (
            <Field label="Repeat passphrase">
              <input type="password" value={repeat} onChange={(event) => onRepeat(event.target.value)} autoComplete="new-password" onKeyDown={enter} disabled={disabled} data-testid="export-passphrase-repeat" />
            </Field>
          )}
        </div>
      )}
      <label className="tpl-export-check">
        <input type="checkbox" checked={unsigned} onChange={(event) => onUnsigned(event.target.checked)} disabled={disabled} data-testid="export-unsigned" />
        <span>Export unsigned (no signature)</span>
      </label>
      {unsigned && (
        <Banner tone="warn" title="An unsigned pack loads elsewhere only with a warning." testId="export-unsigned-warning">
          Nobody vouches for its templates: every other workstation shows the warning next to them and next to every result that cites them. Sign it unless the receiver will check each template against its specimen.
        </Banner>
      )}
    </section>
  );
}
