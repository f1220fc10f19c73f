import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import './components.css';

/** Open dialogs, innermost last: only the top one reacts to Escape. */
const openDialogs: string[] = [];

export interface DialogProps {
  readonly title: string;
  /** Called on Escape, backdrop click and the close button; omit to make the dialog non-dismissable. */
  readonly onClose?: () => void;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
  readonly width?: number;
  readonly testId?: string;
}

/** A modal dialog over a dimmed backdrop. Escape closes the topmost dialog when `onClose` is given. */
export function Dialog({ title, onClose, children, footer, width = 560, testId }: DialogProps) {
  const id = useId();
  const ref = useRef<HTMLDivElement | null>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    openDialogs.push(id);
    const element = ref.current;
    if (element && !element.contains(document.activeElement)) element.focus({ preventScroll: true });
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || openDialogs[openDialogs.length - 1] !== id) return;
      event.preventDefault();
      event.stopPropagation();
      onCloseRef.current?.();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      const index = openDialogs.lastIndexOf(id);
      if (index >= 0) openDialogs.splice(index, 1);
    };
  }, [id]);

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose?.();
      }}
    >
      <div ref={ref} className="dialog" role="dialog" aria-modal="true" aria-label={title} tabIndex={-1} style={{ maxWidth: width }} data-testid={testId}>
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
