// Lint enforces the layer rules of docs/ARCHITECTURE.md: which folder may import what.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'http', 'url', 'util', 'zlib'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['out/**', '.cache/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['native/engine/contract/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3', 'sharp', 'exifr', 'zod', 'yauzl', 'file-type', '../*', '!./*'],
      'The contract is pure types and plain TypeScript: no Node, no npm runtime packages, no other engine folders.',
    ),
  },
  {
    files: ['native/engine/**/*.ts'],
    ignores: ['native/engine/contract/**'],
    rules: restrict(
      ['electron', 'react', 'react-dom', '**/renderer/**', '**/electron/**'],
      'The engine runs in plain Node: no Electron, no React, no renderer code.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      ...restrict(
        [...nodeBuiltins, 'electron', 'better-sqlite3', 'sharp', 'exifr', 'yauzl', '**/native/engine/!(contract)/**', '**/electron/**'],
        'The renderer is sandboxed web code: it reaches the engine only through the contract and the bridge.',
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict(['react', 'react-dom', '**/renderer/**'], 'The Electron shell must not import renderer code.'),
  },
);
