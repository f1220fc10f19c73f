import { useState } from 'react';
import type { CaseId, ItemId } from '../../../../native/engine/contract';
import { ExportPackageDialog } from './ExportPackageDialog';
import { VerifyPackageDialog } from './VerifyPackageDialog';

export interface PackageActionsProps {
  readonly caseId: CaseId;
  /** The grid's selection, offered as the export's scope. */
  readonly selectedItemIds: readonly ItemId[];
}

/** The case header's "Export package…" and "Verify package…" buttons and the dialogs they open. */
export function PackageActions({ caseId, selectedItemIds }: PackageActionsProps) {
  const [exporting, setExporting] = useState(false);
  /** Open verify screen: the package to check at once, or '' to choose one. */
  const [verifying, setVerifying] = useState<string | null>(null);
  return (
    <>
      <button type="button" className="ghost" onClick={() => setExporting(true)} title="Export a signed evidence package (BagIt) of the case or a selection" data-testid="pkg-export-button">
        Export package…
      </button>
      <button type="button" className="ghost" onClick={() => setVerifying('')} title="Verify an evidence package's signature, manifests and custody log" data-testid="pkg-verify-button">
        Verify package…
      </button>
      {exporting && (
        <ExportPackageDialog
          caseId={caseId}
          selectedItemIds={selectedItemIds}
          onClose={() => setExporting(false)}
          onVerify={(path) => {
            setExporting(false);
            setVerifying(path);
          }}
        />
      )}
      {verifying !== null && <VerifyPackageDialog initialPath={verifying || undefined} onClose={() => setVerifying(null)} />}
    </>
  );
}
