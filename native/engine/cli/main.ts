#!/usr/bin/env node
/**
 * `caselens`: the command-line face of the engine. JSON on stdout, progress on stderr, non-zero exit on
 * failure. The command forms are a contract with outside scripts: extend them, never break them.
 */
import { EngineError } from '../contract';
import { APP_VERSION } from '../version';
import { runCommand, USAGE } from './commands';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  return runCommand(command, rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof EngineError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`caselens: ${message}\n`);
    process.exitCode = error instanceof EngineError && error.code === 'invalid-args' ? 2 : 1;
  },
);

