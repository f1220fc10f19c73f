import { useState } from 'react';
import type { FormEvent } from 'react';
import type { CaseSummary } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { errorMessage } from '../../components/format';

const EXAMINER_KEY = 'caselens.lastExaminer';

function lastExaminer(): string {
  try {
    return window.localStorage.getItem(EXAMINER_KEY) ?? '';
  } catch {
    return '';
  }
}

export interface NewCaseDialogProps {
  readonly onCreated: (created: CaseSummary) => void;
  readonly onClose: () => void;
}

/** Form creating a case (`cases.create`): title, reference and examiner. */
export function NewCaseDialog({ onCreated, onClose }: NewCaseDialogProps) {
  const { client } = useEngine();
  const [title, setTitle] = useState('');
  const [reference, setReference] = useState('');
  const [examiner, setExaminer] = useState(lastExaminer);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const created = await client.call('cases.create', {
        title: title.trim(),
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        ...(examiner.trim() ? { examiner: examiner.trim() } : {}),
      });
      try {
        window.localStorage.setItem(EXAMINER_KEY, examiner.trim());
      } catch {
        // Remembering the examiner is a convenience only.
      }
      onCreated(created);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="New case"
      onClose={onClose}
      width={520}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-case-form" className="primary" disabled={!title.trim() || busy} data-testid="create-case-submit">
            {busy ? 'Creating…' : 'Create case'}
          </button>
        </>
      }
    >
      <form id="new-case-form" className="form-grid" onSubmit={submit}>
        <Field label="Title" required wide>
          <input
            autoFocus
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="e.g. Forged residence permits, checkpoint B"
            data-testid="case-title-input"
          />
        </Field>
        <Field label="Reference">
          <input value={reference} onChange={(event) => setReference(event.target.value)} placeholder="File or docket number" data-testid="case-reference-input" />
        </Field>
        <Field label="Examiner">
          <input value={examiner} onChange={(event) => setExaminer(event.target.value)} placeholder="Name or badge number" data-testid="case-examiner-input" />
        </Field>
        {error && (
          <div className="field wide">
            <Banner tone="error" title="Could not create the case.">
              {error}
            </Banner>
          </div>
        )}
      </form>
    </Dialog>
  );
}
