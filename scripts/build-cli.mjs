// Bundles the engine CLI (and browser-mode host) into out/cli/caselens.js for plain Node.
import { build } from 'esbuild';

await build({
  // The forensic worker pool loads forensics-worker.js from beside the bundle (forensics/pool/pool.ts).
  entryPoints: { caselens: 'native/engine/cli/main.ts', 'forensics-worker': 'native/engine/forensics/pool/worker.ts' },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
