import { Field } from '../../components/Field';
import { patternError } from './draft-validation';
import type { EditorAction } from './draft-reducer';
import { ALIGNMENTS, SECURITY_FEATURES, TEXT_FIELDS, ZONE_KINDS } from './template-draft';
import type { DraftZone, ZoneKind } from './template-draft';
import { roundBox } from './zone-geometry';

export interface ZoneFormProps {
  readonly zone: DraftZone;
  readonly index: number;
  readonly dispatch: (action: EditorAction) => void;
}

/** Date formats offered for date fields (any other may be typed). */
const DATE_FORMATS = ['DD.MM.YYYY', 'DD/MM/YYYY', 'YYYY-MM-DD', 'DD MM YYYY', 'DD MMM YYYY'];
const SCRIPTS = ['latin', 'cyrillic', 'greek', 'arabic'];
const BOX_LABELS = ['x', 'y', 'width', 'height'] as const;

/** The selected zone's properties: id, kind, and what its kind uses (field, pattern, date format, text, feature…). */
export function ZoneForm({ zone, index, dispatch }: ZoneFormProps) {
  const update = (patch: Partial<Omit<DraftZone, 'box'>>) => dispatch({ type: 'update-zone', index, patch });
  const badPattern = zone.pattern.trim() ? patternError(zone.pattern.trim()) : null;
  const sampleMatches = !badPattern && zone.pattern.trim() && zone.sample.trim() ? new RegExp(zone.pattern.trim()).test(zone.sample.trim()) : null;
  return (
    <div className="form-grid ze-form" data-testid="zone-form" data-zone-id={zone.id}>
      <Field label="Zone id" required>
        <input value={zone.id} onChange={(event) => update({ id: event.target.value })} spellCheck={false} data-testid="zone-id-input" />
      </Field>
      <Field label="Kind">
        <select value={zone.kind} onChange={(event) => update({ kind: event.target.value as ZoneKind })} data-testid="zone-kind-select">
          {ZONE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </Field>
      {zone.kind === 'text' && (
        <>
          <Field label="Field" required>
            <select value={zone.field} onChange={(event) => update({ field: event.target.value })} data-testid="zone-field-select">
              <option value="">Choose…</option>
              {TEXT_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Script">
            <select value={zone.script} onChange={(event) => update({ script: event.target.value })}>
              <option value="">—</option>
              {SCRIPTS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Pattern (regular expression)" wide hint={badPattern ? `Not valid: ${badPattern}` : 'The value as printed, e.g. ^RP[0-9]{7}$'}>
            <input value={zone.pattern} onChange={(event) => update({ pattern: event.target.value })} spellCheck={false} className="mono" aria-invalid={badPattern !== null} data-testid="zone-pattern-input" />
          </Field>
          <Field label="Specimen value (sample)" hint={sampleMatches === false ? 'Does not match the pattern' : sampleMatches ? 'Matches the pattern' : undefined}>
            <input value={zone.sample} onChange={(event) => update({ sample: event.target.value })} spellCheck={false} data-testid="zone-sample-input" />
          </Field>
          <Field label="Date format">
            <input value={zone.dateFormat} onChange={(event) => update({ dateFormat: event.target.value })} list="ze-date-formats" spellCheck={false} data-testid="zone-date-format-input" />
          </Field>
        </>
      )}
      {zone.kind === 'static-text' && (
        <Field label="Printed text" wide required>
          <input value={zone.text} onChange={(event) => update({ text: event.target.value })} data-testid="zone-text-input" />
        </Field>
      )}
      {zone.kind === 'security' && (
        <Field label="Feature" wide required>
          <input value={zone.feature} onChange={(event) => update({ feature: event.target.value })} list="ze-features" spellCheck={false} data-testid="zone-feature-input" />
        </Field>
      )}
      {(zone.kind === 'text' || zone.kind === 'static-text') && (
        <Field label="Alignment">
          <select value={zone.align} onChange={(event) => update({ align: event.target.value as DraftZone['align'] })} data-testid="zone-align-select">
            <option value="">—</option>
            {ALIGNMENTS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div className="field wide">
        <span className="field-label">Box (fractions of the side)</span>
        <div className="ze-box-inputs">
          {BOX_LABELS.map((label, i) => (
            <label key={label}>
              <span className="muted">{label}</span>
              <input
                type="number"
                min={0}
                max={1}
                step={0.001}
                value={zone.box[i]}
                onChange={(event) => {
                  const value = Number(event.target.value);
                  if (!Number.isFinite(value)) return;
                  const box = [...zone.box] as [number, number, number, number];
                  box[i] = value;
                  dispatch({ type: 'set-box', index, box: roundBox(box) });
                }}
                data-testid={`zone-box-${label}`}
              />
            </label>
          ))}
        </div>
      </div>
      <div className="field wide ze-form-actions">
        <button type="button" className="danger" onClick={() => dispatch({ type: 'delete-zone', index })} data-testid="zone-delete">
          Delete zone
        </button>
      </div>
      <datalist id="ze-date-formats">
        {DATE_FORMATS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <datalist id="ze-features">
        {SECURITY_FEATURES.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
    </div>
  );
}
