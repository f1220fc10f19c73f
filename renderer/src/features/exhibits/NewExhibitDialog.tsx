import { useState } from 'react';
import type { FormEvent } from 'react';
import type { CaseId, Exhibit, ExhibitRecord } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { errorMessage } from '../../components/format';

type RecordField = Exclude<keyof ExhibitRecord, 'label'>;
type Draft = { label: string } & Record<RecordField, string>;

const EMPTY: Draft = {
  label: '', description: '', seizedBy: '', seizedAt: '', place: '', sealNumber: '',
  deviceMake: '', deviceModel: '', deviceSerial: '', deviceImei: '', notes: '',
};

/** Trimmed record with empty optional fields sent as null. */
function toRecord(draft: Draft): ExhibitRecord {
  const optional = (value: string): string | null => (value.trim() ? value.trim() : null);
  return {
    label: draft.label.trim(),
    description: optional(draft.description),
    seizedBy: optional(draft.seizedBy),
    seizedAt: optional(draft.seizedAt),
    place: optional(draft.place),
    sealNumber: optional(draft.sealNumber),
    deviceMake: optional(draft.deviceMake),
    deviceModel: optional(draft.deviceModel),
    deviceSerial: optional(draft.deviceSerial),
    deviceImei: optional(draft.deviceImei),
    notes: optional(draft.notes),
  };
}

export interface NewExhibitDialogProps {
  readonly caseId: CaseId;
  readonly onCreated: (exhibit: Exhibit) => void;
  readonly onClose: () => void;
}

/** Registers a seized device or medium with its full collection record (`exhibits.create`). */
export function NewExhibitDialog({ caseId, onCreated, onClose }: NewExhibitDialogProps) {
  const { client } = useEngine();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const bind = (key: keyof Draft, testId?: string) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [key]: event.target.value })),
    ...(testId ? { 'data-testid': testId } : {}),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.label.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await client.call('exhibits.create', { caseId, record: toRecord(draft) }));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="New exhibit"
      onClose={onClose}
      width={640}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-exhibit-form" className="primary" disabled={!draft.label.trim() || busy} data-testid="create-exhibit-submit">
            {busy ? 'Registering…' : 'Register exhibit'}
          </button>
        </>
      }
    >
      <form id="new-exhibit-form" className="form-grid" onSubmit={submit}>
        <Field label="Label" required hint="Unique within the case, e.g. EX-01">
          <input autoFocus {...bind('label', 'exhibit-label-input')} />
        </Field>
        <Field label="Seal number">
          <input {...bind('sealNumber', 'exhibit-seal-input')} className="mono" />
        </Field>
        <Field label="Description" wide>
          <input {...bind('description', 'exhibit-description-input')} placeholder="e.g. Black smartphone found in driver's door pocket" />
        </Field>

        <h3 className="form-section">Seizure</h3>
        <Field label="Seized by">
          <input {...bind('seizedBy', 'exhibit-seized-by-input')} />
        </Field>
        <Field label="Seized at" hint="Local date and time as recorded">
          <input type="datetime-local" step={1} {...bind('seizedAt', 'exhibit-seized-at-input')} />
        </Field>
        <Field label="Place" wide>
          <input {...bind('place', 'exhibit-place-input')} />
        </Field>

        <h3 className="form-section">Device</h3>
        <Field label="Make">
          <input {...bind('deviceMake', 'exhibit-device-make-input')} />
        </Field>
        <Field label="Model">
          <input {...bind('deviceModel', 'exhibit-device-model-input')} />
        </Field>
        <Field label="Serial number">
          <input {...bind('deviceSerial', 'exhibit-device-serial-input')} className="mono" />
        </Field>
        <Field label="IMEI">
          <input {...bind('deviceImei', 'exhibit-device-imei-input')} className="mono" inputMode="numeric" />
        </Field>
        <Field label="Notes" wide>
          <textarea rows={3} {...bind('notes', 'exhibit-notes-input')} />
        </Field>
        {error && (
          <div className="field wide">
            <Banner tone="error" title="Could not register the exhibit.">
              {error}
            </Banner>
          </div>
        )}
      </form>
    </Dialog>
  );
}
