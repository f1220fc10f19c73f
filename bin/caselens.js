#!/usr/bin/env node
// The `caselens` command: runs the bundled engine CLI (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../out/cli/caselens.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('caselens: the CLI is not built yet; run `npm run build` in the CaseLens folder first.\n');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
