import { useState } from 'react';

export interface KnownSigner {
  readonly fingerprint: string;
  readonly trusted: boolean;
  /** Templates signed with this key (`id@version`), for context. */
  readonly signs: readonly string[];
}

export interface TrustedSignersProps {
  readonly signers: readonly KnownSigner[];
  readonly busy: boolean;
  /** Trust (after confirmation, by the caller) or stop trusting a fingerprint. */
  readonly onSet: (fingerprint: string, trusted: boolean) => void;
}

/** Pack signers seen in the library with their trust on this workstation, and a field to trust a typed fingerprint. */
export function TrustedSigners({ signers, busy, onSet }: TrustedSignersProps) {
  const [typed, setTyped] = useState('');
  return (
    <div className="tpl-signers" data-testid="trusted-signers">
      {signers.length === 0 ? (
        <div className="muted">No pack with a valid signature is loaded.</div>
      ) : (
        <ul>
          {signers.map((s) => (
            <li key={s.fingerprint} data-testid="signer" data-fingerprint={s.fingerprint} data-trusted={s.trusted}>
              <span className="mono tpl-fingerprint">{s.fingerprint}</span>
              <span className={s.trusted ? 'status valid' : 'status unchecked'}>{s.trusted ? '✓ trusted' : '✕ not trusted'}</span>
              <span className="muted tpl-signs">{s.signs.join(', ')}</span>
              <button type="button" disabled={busy} onClick={() => onSet(s.fingerprint, !s.trusted)} data-testid="signer-toggle">
                {s.trusted ? 'Stop trusting' : 'Trust signer…'}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="tpl-signer-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed.trim()) {
            onSet(typed.trim(), true);
            setTyped('');
          }
        }}
      >
        <input value={typed} onChange={(event) => setTyped(event.target.value)} placeholder="Fingerprint: 64 hex digits" aria-label="Signer fingerprint to trust" spellCheck={false} className="mono" data-testid="signer-input" />
        <button type="submit" disabled={busy || !typed.trim()} data-testid="signer-add">
          Trust fingerprint…
        </button>
      </form>
    </div>
  );
}
