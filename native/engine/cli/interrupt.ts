/**
 * Ctrl-C and SIGTERM ask a long CLI job (ingest, analyze) to stop after the item in hand instead of killing
 * it mid-write: the signal aborts the returned controller while `work` runs.
 */
export async function untilInterrupted<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A progress printer for stderr that writes at most every `intervalMs`, and always the last step. */
export function throttledProgress(intervalMs = 200): (line: string, final: boolean) => void {
  let last = 0;
  return (line, final) => {
    const now = Date.now();
    if (!final && now - last < intervalMs) return;
    last = now;
    process.stderr.write(`${line}\n`);
  };
}
