/**
 * The engine's utility process: fork it, hand it one MessagePort per page load, ask it to resolve
 * asset paths for the `caselens-asset:` protocol, restart it when it dies, stop it on quit.
 * The control messages are described in ../shared/engine-control.ts.
 */
import { MessageChannelMain, utilityProcess } from 'electron';
import type { UtilityProcess, WebContents } from 'electron';
import { parseEngineToMain } from '../shared/engine-control';
import type { AssetVariant, EngineToMain, MainToEngine, ResolvedAsset } from '../shared/engine-control';
import { keepPassphrase, readPassphrase } from './unit-passphrase';

export interface EngineProcessOptions {
  /** out/main/engine.js */
  readonly entry: string;
  readonly dataDir: string;
  /** Electron's userData folder: the unit key passphrase is kept there under safeStorage (unit-passphrase.ts). */
  readonly userData: string;
  /** A new process replaced one that died: every loaded page needs a fresh port. */
  readonly onRestarted: () => void;
  /** The engine cannot run (it reported a fatal error, or kept crashing). */
  readonly onGaveUp: (reason: string) => void;
}

interface Pending {
  readonly resolve: (asset: ResolvedAsset | null) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

const RESOLVE_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES_IN_WINDOW = 3;

export class EngineProcess {
  private child: UtilityProcess | null = null;
  private stopping = false;
  private fatal: string | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private crashes: number[] = [];
  private exitWaiters: (() => void)[] = [];

  constructor(private readonly options: EngineProcessOptions) {}

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child || this.stopping) return;
    this.fatal = null;
    const child = utilityProcess.fork(this.options.entry, [], { serviceName: 'CaseLens engine', stdio: 'inherit' });
    this.child = child;
    child.on('message', (raw: unknown) => this.onMessage(raw));
    child.on('error', (type, location) => console.error(`[caselens] engine ${type} at ${location}`));
    child.once('exit', (code) => this.onExit(child, code));
    this.send({ type: 'init', dataDir: this.options.dataDir });
  }

  /** Give a page its own engine connection. Safe to call again after a reload or a restart. */
  connect(contents: WebContents): void {
    const child = this.child;
    if (!child || contents.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    const message: MainToEngine = { type: 'engine-port', dataDir: this.options.dataDir };
    child.postMessage(message, [port1]);
    contents.postMessage('engine-port', null, [port2]);
  }

  /** Ask the engine where an item's thumbnail or preview is. Null when unknown or the engine is down. */
  resolveAsset(caseId: string, itemId: number, variant: AssetVariant): Promise<ResolvedAsset | null> {
    if (!this.child) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise<ResolvedAsset | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`engine did not resolve asset ${caseId}/${itemId}/${variant} in time`));
      }, RESOLVE_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.send({ type: 'resolve-asset', id, caseId, itemId, variant });
    });
  }

  /** Ask the engine to close its databases and exit; kill it if it does not within a few seconds. */
  stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        console.error('[caselens] engine did not exit in time; killing it');
        child.kill();
      }, STOP_TIMEOUT_MS);
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.send({ type: 'shutdown' });
    });
  }

  private send(message: MainToEngine): void {
    this.child?.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const message: EngineToMain | null = parseEngineToMain(raw);
    if (!message) {
      console.error('[caselens] ignoring malformed message from the engine');
      return;
    }
    switch (message.type) {
      case 'ready':
      case 'closed':
        return;
      case 'stored-passphrase': {
        const { id } = message;
        readPassphrase(this.options.userData).then(
          (passphrase) => this.send({ type: 'stored-passphrase-result', id, passphrase }),
          () => this.send({ type: 'stored-passphrase-result', id, passphrase: null }),
        );
        return;
      }
      case 'keep-passphrase':
        keepPassphrase(this.options.userData, message.passphrase).catch((error: unknown) => console.error('[caselens] could not keep the unit key passphrase:', error));
        return;
      case 'fatal':
        this.fatal = message.message;
        console.error(`[caselens] engine failed to start: ${message.message}`);
        return;
      case 'resolve-asset-result': {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        clearTimeout(waiting.timer);
        if (message.error !== undefined) waiting.reject(new Error(message.error));
        else waiting.resolve(message.asset);
        return;
      }
    }
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error('engine process exited'));
    }
    this.pending.clear();

    if (this.stopping) {
      for (const waiter of this.exitWaiters.splice(0)) waiter();
      return;
    }
    if (this.fatal !== null) {
      this.options.onGaveUp(this.fatal);
      return;
    }
    const now = Date.now();
    this.crashes = [...this.crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
    console.error(`[caselens] engine exited unexpectedly (code ${code}); crash ${this.crashes.length} in the last minute`);
    if (this.crashes.length > MAX_CRASHES_IN_WINDOW) {
      this.options.onGaveUp(`the engine stopped unexpectedly ${this.crashes.length} times in a minute (last exit code ${code})`);
      return;
    }
    setTimeout(() => {
      if (this.stopping || this.child) return;
      this.start();
      this.options.onRestarted();
    }, 250 * this.crashes.length);
  }

  /** Forget past crashes (after the examiner chose to try again). */
  resetCrashes(): void {
    this.crashes = [];
  }
}
