import type { ReactNode } from 'react';
import './components.css';

export interface DialogProps {
  readonly title: string;
  /** Called on Escape, backdrop click and the close button; omit to make the dialog non-dismissable. */
  readonly onClose?: () => void;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
  readonly width?: number;
  readonly testId?: string;
}

/** A modal dialog over a dimmed backdrop. Escape closes it when `onClose` is given. */
export function Dialog({ title, onClose, children, footer, width = 560, testId }: DialogProps) {
  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose?.();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose?.();
        }
      }}
    >
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} style={{ maxWidth: width }} data-testid={testId}>
        <div className="dialog-header">
          <h2>{title}</h2>
          {onClose && (
            <button type="button" className="ghost" onClick={onClose} aria-label="Close">
              Close
            </button>
          )}
        </div>
        <div className="dialog-body">{children}</div>
        {footer && <div className="dialog-footer">{footer}</div>}
      </div>
    </div>
  );
}
