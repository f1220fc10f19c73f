// Bundles the engine CLI (and browser-mode host) into out/cli/caselens.js for plain Node.
import { build } from 'esbuild';

await build({
  // Workers loaded from beside the bundle: the forensic pool's (forensics/pool/pool.ts), the report PDF's
  // (export/report/pdf-thread.ts) and the bag copies' (export/bagit/copy-pool.ts).
  entryPoints: {
    caselens: 'native/engine/cli/main.ts',
    'forensics-worker': 'native/engine/forensics/pool/worker.ts',
    'report-pdf-worker': 'native/engine/export/report/pdf-worker.ts',
    'bag-copy-worker': 'native/engine/export/bagit/copy-worker.ts',
  },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
