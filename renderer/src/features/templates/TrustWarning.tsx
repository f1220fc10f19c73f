import type { TemplateTrustView } from '../../../../native/engine/contract';
import { Banner } from '../../components/Banner';

const STATUS_LABEL: Readonly<Record<TemplateTrustView['status'], string>> = {
  bundled: 'bundled with CaseLens',
  folder: 'this unit’s own folder (unsigned)',
  signed: 'signed pack',
  unsigned: 'UNSIGNED pack',
  invalid: 'INVALID pack',
};

/** Where a template came from, in words (`signed pack (trusted signer)`). */
export function trustLabel(trust: TemplateTrustView): string {
  if (trust.status === 'signed') return `${STATUS_LABEL.signed}${trust.trustedSigner ? ', trusted signer' : ', signer not trusted here'}`;
  return STATUS_LABEL[trust.status];
}

/** The engine's warning for a template's trust, shown prominently whenever there is one. */
export function TrustWarning({ trust, testId = 'template-trust-warning' }: { readonly trust: TemplateTrustView; readonly testId?: string }) {
  if (!trust.warning) return null;
  return (
    <Banner tone={trust.status === 'invalid' ? 'error' : 'warn'} title={`Template trust: ${trustLabel(trust)}.`} testId={testId}>
      {trust.warning}
      {trust.problems.length > 0 && <span className="trust-problems mono"> Problems: {trust.problems.join('; ')}</span>}
    </Banner>
  );
}
