// Bundles the engine CLI (and browser-mode host) into out/cli/caselens.js for plain Node.
import { build } from 'esbuild';

await build({
  entryPoints: { caselens: 'native/engine/cli/main.ts' },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
