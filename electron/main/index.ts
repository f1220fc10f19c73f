/**
 * Electron main process entry (built to out/main/index.js). Everything that must happen before
 * `ready` happens here, in this order; the rest is in lifecycle.ts.
 */
import { app } from 'electron';
import { registerAssetScheme } from './asset-protocol';
import { runApp } from './lifecycle';
import { configureAppPaths } from './paths';
import { guardAllWebContents } from './security';

configureAppPaths();
app.enableSandbox();
registerAssetScheme();
guardAllWebContents();
runApp();
