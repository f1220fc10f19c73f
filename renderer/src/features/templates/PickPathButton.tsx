import { useState } from 'react';
import { useEngine } from '../../bridge/client';
import { errorMessage } from '../../components/format';
import { PathPickerDialog } from './PathPickerDialog';
import type { PickMode } from './PathPickerDialog';

export interface PickPathButtonProps {
  readonly label: string;
  readonly title: string;
  readonly mode: PickMode;
  readonly accept?: RegExp;
  readonly onPick: (path: string) => void;
  /** The native dialog failed (Electron). */
  readonly onError?: (message: string) => void;
  readonly disabled?: boolean;
  readonly className?: string;
  readonly testId?: string;
}

/** Image files `templates.specimen` and `templates.try` can read. */
export const IMAGE_FILES = /\.(png|jpe?g|tiff?|webp|bmp|gif|heic|heif|avif)$/i;

/** A button that asks for one file or folder: the native dialog in Electron, the engine-served picker in browser mode. */
export function PickPathButton({ label, title, mode, accept, onPick, onError, disabled, className, testId }: PickPathButtonProps) {
  const { shell } = useEngine();
  const [open, setOpen] = useState(false);
  const start = () => {
    if (!shell) {
      setOpen(true);
      return;
    }
    shell.pickPaths({ directory: mode === 'folder', multiple: false }).then(
      (paths) => {
        if (paths[0]) onPick(paths[0]);
      },
      (failure: unknown) => onError?.(errorMessage(failure)),
    );
  };
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={start} data-testid={testId}>
        {label}
      </button>
      {open && (
        <PathPickerDialog
          title={title}
          mode={mode}
          accept={accept}
          onClose={() => setOpen(false)}
          onPick={(path) => {
            setOpen(false);
            onPick(path);
          }}
        />
      )}
    </>
  );
}
