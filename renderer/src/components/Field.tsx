import type { ReactNode } from 'react';
import './components.css';

export interface FieldProps {
  readonly label: string;
  readonly children: ReactNode;
  readonly required?: boolean;
  /** Span both columns of a `.form-grid`. */
  readonly wide?: boolean;
  readonly hint?: string;
}

/** A labelled form control. */
export function Field({ label, children, required, wide, hint }: FieldProps) {
  return (
    <label className={wide ? 'field wide' : 'field'}>
      <span className="field-label">
        {label}
        {required && <span className="required" aria-hidden="true">*</span>}
      </span>
      {children}
      {hint && <span className="muted">{hint}</span>}
    </label>
  );
}
