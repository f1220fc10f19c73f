/**
 * Test preload (`node --require`): makes every network entry point throw, in the main thread and in every
 * worker thread (Node runs `--require` preloads in workers too, which is where tesseract.js fetches).
 * Each attempt is reported on stderr as `network-blocked:<what>`; each thread that installed the block
 * reports `network-hook:<main|worker>`, so a test can prove the block covered the OCR worker.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a `--require` preload is CommonJS by definition */
'use strict';
const { isMainThread } = require('node:worker_threads');

const thread = isMainThread ? 'main' : 'worker';
const report = (what) => process.stderr.write(`network-blocked:${what}\n`);
const deny = (what) =>
  function blocked() {
    report(what);
    throw new Error(`network access blocked by test hook: ${what}`);
  };

globalThis.fetch = async (input) => {
  report(`fetch ${String(input)}`);
  throw new Error(`network access blocked by test hook: fetch ${String(input)}`);
};
for (const name of ['http', 'https']) {
  const mod = require(`node:${name}`);
  mod.request = deny(`${name}.request`);
  mod.get = deny(`${name}.get`);
}
// Local IPC (a Unix socket or named pipe given by path, e.g. tsx's loader talking to its parent) is not
// network access and stays allowed; anything addressed by host or port throws.
const isLocalPipe = (args) => {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const isPipeName = (value) => typeof value === 'string' && !/^\d+$/.test(value);
  return isPipeName(first) || (typeof first === 'object' && first !== null && typeof first.path === 'string');
};
const net = require('node:net');
const allowPipes = (original, what) =>
  function guarded(...args) {
    if (isLocalPipe(args)) return original.apply(this, args);
    return deny(what)();
  };
net.connect = allowPipes(net.connect, 'net.connect');
net.createConnection = allowPipes(net.createConnection, 'net.createConnection');
net.Socket.prototype.connect = allowPipes(net.Socket.prototype.connect, 'net.Socket.connect');
const tls = require('node:tls');
tls.connect = deny('tls.connect');
const dns = require('node:dns');
dns.lookup = deny('dns.lookup');
dns.resolve = deny('dns.resolve');
dns.promises.lookup = deny('dns.promises.lookup');

process.stderr.write(`network-hook:${thread}\n`);
