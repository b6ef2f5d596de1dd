// Lint rules, including the process boundaries: which part of src/ may import which.
// A wrong import is an error, never a warning, because it breaks the Electron sandbox or
// the rule that the station only talks to the server over HTTP.
import { builtinModules } from 'node:module';

import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const mainOnly = ['better-sqlite3', 'node-hid', 'drizzle-orm/better-sqlite3'];
const serverOnly = [
  'pg',
  '@electric-sql/pglite',
  'drizzle-orm/node-postgres',
  'drizzle-orm/pglite',
];

/** One `no-restricted-imports` rule: forbidden module names plus forbidden path patterns. */
function restrict({ names = [], groups = [], message }) {
  return [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: groups.length === 0 ? [] : [{ group: groups, message }],
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'coverage/**',
      'src/main/store/migrations/**',
      'src/server/db/migrations/**',
      'tests/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only']",
          message: 'Focused tests hide the rest of the suite.',
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict({
        names: [...nodeBuiltins, ...mainOnly, ...serverOnly, 'electron', 'react', 'pino'],
        groups: [
          '**/main/**',
          '**/preload/**',
          '**/renderer/**',
          '**/server/**',
          '**/browser-host/**',
        ],
        message: 'src/shared is pure TypeScript: no Node, DOM, Electron or other part of src/.',
      }),
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: 'src/shared runs in every process: no Node globals.',
        })),
        ...['window', 'document', 'navigator', 'localStorage', 'location'].map((name) => ({
          name,
          message: 'src/shared runs in every process: no DOM globals.',
        })),
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict({
        names: [...nodeBuiltins, ...mainOnly, ...serverOnly, 'electron', 'pino', 'ws'],
        groups: ['**/main/**', '**/preload/**', '**/server/**', '**/browser-host/**'],
        message: 'The renderer imports src/shared only and reaches main through the preload API.',
      }),
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        names: [...mainOnly, ...serverOnly],
        groups: ['**/main/**', '**/renderer/**', '**/server/**', '**/browser-host/**'],
        message: 'The preload script imports src/shared and electron only.',
      }),
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        names: serverOnly,
        groups: ['**/renderer/**', '**/preload/**', '**/server/**', '**/browser-host/**'],
        message: 'Main imports src/shared only and talks to the server over HTTP.',
      }),
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        names: [...mainOnly, 'electron'],
        groups: ['**/main/**', '**/renderer/**', '**/preload/**', '**/browser-host/**'],
        message: 'The server imports src/shared only; SQLite and node-hid belong to main.',
      }),
    },
  },
  {
    files: ['src/browser-host/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        names: ['electron', ...serverOnly],
        groups: ['**/renderer/**', '**/preload/**', '**/server/**'],
        message: 'The browser host runs main-process services in Node, without Electron.',
      }),
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
