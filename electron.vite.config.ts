/**
 * One build for every process: Electron main (plus the engine's utility-process entry), the sandboxed
 * preload, and the React renderer. Browser mode serves the same `out/renderer` bundle.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          engine: resolve('electron/utility/index.ts'),
          // Loaded by the engine's forensic worker pool from beside engine.js (native/engine/forensics/pool).
          'forensics-worker': resolve('native/engine/forensics/pool/worker.ts'),
          // Loaded by the evidence export from beside engine.js (native/engine/export/report/pdf-thread.ts).
          'report-pdf-worker': resolve('native/engine/export/report/pdf-worker.ts'),
          // Loaded by the bag writer's copy pool from beside engine.js (native/engine/export/bagit/copy-pool.ts).
          'bag-copy-worker': resolve('native/engine/export/bagit/copy-worker.ts'),
        },
        external: ['better-sqlite3', 'sharp', 'exifr', 'yauzl', 'zod', 'file-type', 'csv-parse'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
