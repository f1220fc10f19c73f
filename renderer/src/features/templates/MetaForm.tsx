import { Field } from '../../components/Field';
import type { EditorAction } from './draft-reducer';
import { MRZ_FORMATS } from './template-draft';
import type { DraftMeta } from './template-draft';

export interface MetaFormProps {
  readonly meta: DraftMeta;
  readonly dispatch: (action: EditorAction) => void;
}

const CATEGORIES = ['residence-permit', 'identity-card', 'passport', 'visa', 'driving-licence', 'travel-document'];
const RELEASES = ['restricted', 'unrestricted'];

/** Template identity, size, MRZ expectations and rules (docs/TEMPLATES.md). */
export function MetaForm({ meta, dispatch }: MetaFormProps) {
  const text = (key: keyof DraftMeta, label: string, props: { required?: boolean; wide?: boolean; hint?: string; mono?: boolean; placeholder?: string } = {}) => (
    <Field label={label} required={props.required} wide={props.wide} hint={props.hint}>
      <input
        value={meta[key]}
        onChange={(event) => dispatch({ type: 'meta', patch: { [key]: event.target.value } })}
        spellCheck={false}
        className={props.mono ? 'mono' : undefined}
        placeholder={props.placeholder}
        data-testid={`meta-${key}`}
      />
    </Field>
  );
  return (
    <div className="form-grid" data-testid="meta-form">
      {text('id', 'Template id', { required: true, mono: true, placeholder: 'uto-rp-2025' })}
      {text('version', 'Version', { required: true, mono: true })}
      {text('title', 'Title', { required: true, wide: true })}
      {text('issuingState', 'Issuing state (ICAO)', { required: true, mono: true })}
      <Field label="Category">
        <input value={meta.category} onChange={(event) => dispatch({ type: 'meta', patch: { category: event.target.value } })} list="meta-categories" data-testid="meta-category" />
      </Field>
      {text('widthMm', 'Width (mm)', { required: true })}
      {text('heightMm', 'Height (mm)', { required: true })}
      <div className="form-section">
        <h3>MRZ and rules</h3>
      </div>
      <Field label="MRZ format">
        <select value={meta.mrzFormat} onChange={(event) => dispatch({ type: 'meta', patch: { mrzFormat: event.target.value as DraftMeta['mrzFormat'] } })} data-testid="meta-mrzFormat">
          <option value="">No MRZ</option>
          {MRZ_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </Field>
      {text('documentCodes', 'Document codes', { mono: true, hint: 'Comma-separated, e.g. IR, IP' })}
      {text('mrzIssuingState', 'MRZ issuing state', { mono: true })}
      {text('maxValidityYears', 'Maximum validity (years)')}
      <div className="form-section">
        <h3>Reference and release</h3>
      </div>
      {text('referenceKind', 'Reference kind', { placeholder: 'PRADO' })}
      {text('referenceCode', 'Reference code', { mono: true, placeholder: 'UTO-HO-01001' })}
      <Field label="Release" hint="Templates built from restricted sources must not leave the unit">
        <input value={meta.release} onChange={(event) => dispatch({ type: 'meta', patch: { release: event.target.value } })} list="meta-releases" data-testid="meta-release" />
      </Field>
      <datalist id="meta-categories">
        {CATEGORIES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <datalist id="meta-releases">
        {RELEASES.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
    </div>
  );
}
