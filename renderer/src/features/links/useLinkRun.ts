import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseId, LinkPassView } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { errorMessage } from '../../components/format';

/** A "Link now" request: running, its error, and the call. */
export interface LinkRun {
  readonly running: boolean;
  readonly error: string | null;
  run(): void;
}

/**
 * Run a linking pass of `caseId` on demand (`links.run`); `onDone` gets the new pass. The answer of a run the
 * component no longer shows is dropped.
 */
export function useLinkRun(caseId: CaseId, onDone: (pass: LinkPassView) => void): LinkRun {
  const { client } = useEngine();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(() => {
    setRunning(true);
    setError(null);
    client.call('links.run', { caseId }).then(
      (pass) => {
        if (!mounted.current) return;
        setRunning(false);
        done.current(pass);
      },
      (failure: unknown) => {
        if (!mounted.current) return;
        setRunning(false);
        setError(errorMessage(failure));
      },
    );
  }, [client, caseId]);
  return { running, error, run };
}
