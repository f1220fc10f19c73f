/**
 * Page-aligned shared memory for direct I/O buffers. A Buffer or a plain SharedArrayBuffer comes from malloc and is
 * only 16-byte aligned; a shared WebAssembly memory is mapped by V8 from whole pages, so its start (and every
 * multiple of 4096 bytes into it) is page-aligned. Shared, so the hash worker can read chunks without a copy.
 */

/** The one part of the WebAssembly JS API used here (the engine's TypeScript lib has no WebAssembly types). */
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => { readonly buffer: SharedArrayBuffer };
};

/** Bytes of a WebAssembly memory page: memories are sized in whole pages. */
export const WASM_PAGE = 65536;

/** A page-aligned SharedArrayBuffer of exactly `bytes` (a positive multiple of WASM_PAGE). */
export function pageAlignedSharedMemory(bytes: number): SharedArrayBuffer {
  if (!(bytes > 0 && bytes % WASM_PAGE === 0)) throw new RangeError(`aligned memory is made of ${WASM_PAGE}-byte pages, not ${bytes} bytes`);
  const pages = bytes / WASM_PAGE;
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }).buffer;
}
