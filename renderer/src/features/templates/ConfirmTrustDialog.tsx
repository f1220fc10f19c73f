import { Dialog } from '../../components/Dialog';

export interface ConfirmTrustDialogProps {
  readonly fingerprint: string;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
}

/** Asks before a signer is trusted: its templates then load without a warning on this workstation. */
export function ConfirmTrustDialog({ fingerprint, onConfirm, onClose }: ConfirmTrustDialogProps) {
  return (
    <Dialog
      title="Trust this pack signer?"
      onClose={onClose}
      width={560}
      testId="confirm-trust"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={onConfirm} data-testid="confirm-trust-submit">
            Trust signer
          </button>
        </>
      }
    >
      <p>Templates signed with this key will load without a warning on this workstation.</p>
      <p className="mono tpl-fingerprint-big">{fingerprint}</p>
      <p className="muted">Compare the fingerprint with the sender by another channel (telephone, SIENA) before trusting it.</p>
    </Dialog>
  );
}
