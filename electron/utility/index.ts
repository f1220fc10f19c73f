/**
 * The engine's utility process (built to out/main/engine.js, forked by the main process with
 * `utilityProcess.fork`). It creates one engine and serves the contract on every MessagePort the
 * main process hands it (one per page load), and answers the main process's control requests.
 * Message formats: ../shared/engine-control.ts.
 */
import type { MessagePortMain } from 'electron';
import { createEngine, messagePortTransport, serveEngine } from '../../native/engine/host';
import type { Engine } from '../../native/engine/host';
import { parseMainToEngine } from '../shared/engine-control';
import type { EngineToMain } from '../shared/engine-control';


const parentPort = process.parentPort;
const post = (message: EngineToMain): void => parentPort.postMessage(message);

let engine: Engine | null = null;
let engineDataDir: string | null = null;
const connections = new Set<() => void>();
let shuttingDown = false;

/** Main answers from a local file; a missing answer means no passphrase rather than a hung export. */
const PASSPHRASE_TIMEOUT_MS = 5_000;
let nextPassphraseRequest = 1;
const passphraseRequests = new Map<number, (passphrase: string | null) => void>();

/** The unit key passphrase main keeps under safeStorage, or null (none kept, or safeStorage unavailable). */
function storedPassphrase(): Promise<string | null> {
  const id = nextPassphraseRequest++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      passphraseRequests.delete(id);
      resolve(null);
    }, PASSPHRASE_TIMEOUT_MS);
    passphraseRequests.set(id, (passphrase) => {
      clearTimeout(timer);
      resolve(passphrase);
    });
    post({ type: 'stored-passphrase', id });
  });
}

function ensureEngine(dataDir: string): Engine | null {
  if (engine) {
    if (dataDir !== engineDataDir) console.error('[caselens engine] ignoring a different data folder for the running engine');
    return engine;
  }
  try {
    engine = createEngine({ dataDir, host: 'electron', storedPassphrase, keepPassphrase: (passphrase) => post({ type: 'keep-passphrase', passphrase }) });
    engineDataDir = dataDir;
    post({ type: 'ready' });
    return engine;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error('[caselens engine] could not start:', error);
    post({ type: 'fatal', message });
    setTimeout(() => process.exit(1), 100);
    return null;
  }
}

function serve(port: MessagePortMain): void {
  if (!engine || shuttingDown) {
    port.close();
    return;
  }
  const detachEngine = serveEngine(engine, messagePortTransport(port));
  const detach = (): void => {
    if (!connections.delete(detach)) return;
    detachEngine();
  };
  connections.add(detach);
  port.start(); // harmless if the transport already started it; messages queue until then
  // The page reloaded or its window closed: stop forwarding events to a dead port.
  port.on('close', detach);
}

async function shutdown(): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const detach of [...connections]) detach();
  try {
    await engine?.close();
  } catch (error) {
    console.error('[caselens engine] close failed:', error);
  }
  post({ type: 'closed' });
  setTimeout(() => process.exit(0), 50);
}

parentPort.on('message', (event) => {
  const message = parseMainToEngine(event.data);
  if (!message) {
    console.error('[caselens engine] ignoring malformed control message');
    for (const port of event.ports) port.close();
    return;
  }
  switch (message.type) {
    case 'init':
      ensureEngine(message.dataDir);
      return;
    case 'engine-port': {
      const port = event.ports[0];
      if (!port) return;
      if (ensureEngine(message.dataDir)) serve(port);
      else port.close();
      return;
    }
    case 'resolve-asset': {
      const { id, caseId, itemId, variant } = message;
      if (!engine || shuttingDown) {
        post({ type: 'resolve-asset-result', id, asset: null });
        return;
      }
      engine.resolveAsset(caseId, itemId, variant).then(
        (asset) => post({ type: 'resolve-asset-result', id, asset: asset ? { path: asset.path, mime: asset.mime } : null }),
        (error: unknown) =>
          post({ type: 'resolve-asset-result', id, asset: null, error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    case 'shutdown':
      void shutdown();
      return;
    case 'stored-passphrase-result': {
      const answer = passphraseRequests.get(message.id);
      passphraseRequests.delete(message.id);
      answer?.(message.passphrase);
      return;
    }
  }
});

process.on('unhandledRejection', (reason) => console.error('[caselens engine] unhandled rejection:', reason));
