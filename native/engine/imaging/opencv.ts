/**
 * OpenCV (the @techstark/opencv-js WebAssembly build) loaded once per process. It runs in plain Node and
 * in the Electron utility process alike, with no native build. Every Mat it hands out must be deleted by
 * the caller (`withMats` helps): WASM memory is not garbage-collected.
 */
import { createRequire } from 'node:module';
import type CvNamespace from '@techstark/opencv-js';

export type Cv = typeof CvNamespace;

let loading: Promise<Cv> | null = null;

/** The OpenCV module, initialised (about 0.5 s the first time on the reference machine). */
export function loadOpenCv(): Promise<Cv> {
  loading ??= (async () => {
    // Loaded with require, not import(): some loaders (vitest's CommonJS interop) hand back the module
    // itself from import(), and awaiting that thenable never settles.
    const ready = createRequire(import.meta.url)('@techstark/opencv-js') as Cv & { onRuntimeInitialized?: () => void; then?: unknown };
    if (typeof ready.Mat !== 'function') {
      await new Promise<void>((resolve) => {
        ready.onRuntimeInitialized = () => resolve();
      });
    }
    // The Emscripten module is a thenable that resolves to itself: resolving a promise with it would loop
    // forever. Once initialised it no longer needs `then`.
    delete ready.then;
    return ready;
  })();
  return loading;
}

/** Run `fn` and delete every Mat-like object it registered through `track`, even when it throws. */
export function withMats<T>(fn: (track: <M extends { delete(): void }>(mat: M) => M) => T): T {
  const owned: { delete(): void }[] = [];
  const track = <M extends { delete(): void }>(mat: M): M => {
    owned.push(mat);
    return mat;
  };
  try {
    return fn(track);
  } finally {
    for (const m of owned.reverse()) {
      try {
        m.delete();
      } catch {
        // already deleted
      }
    }
  }
}
