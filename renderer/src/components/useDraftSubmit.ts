import { useState } from 'react';

/**
 * A text field that submits its trimmed value through `onSubmit`, once at a time. The draft is cleared
 * when the engine accepted it and kept when it failed (the caller shows the error), for another try.
 */
export function useDraftSubmit(onSubmit: (text: string) => Promise<void>) {
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = () => {
    const text = draft.trim();
    if (!text || busy) return;
    setBusy(true);
    onSubmit(text)
      .then(
        () => setDraft(''),
        () => undefined,
      )
      .finally(() => setBusy(false));
  };
  return { draft, setDraft, busy, submit };
}
