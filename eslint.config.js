import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Lambda code: zod's `z` object (and `z.locales`) holds all of zod's ~60 locales, and a bundle
    // that imports it carries every one; the namespace import lets esbuild keep only en and zh-CN.
    files: ['functions/**', 'shared/**', 'events/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > :matches(ImportSpecifier[importKind!='type'][imported.name=/^(z|locales)$/], ImportDefaultSpecifier)",
          message: "Write `import * as z from 'zod'`: the z object bundles every zod locale.",
        },
        {
          // z.core holds core's `locales` namespace too: import what you need from 'zod/v4/core'.
          selector: "MemberExpression[object.name='z'][property.name=/^(core|locales)$/]",
          message: "Import from 'zod/v4/core' directly: z.core (and z.locales) bundle every zod locale.",
        },
        {
          selector: 'ImportDeclaration[source.value=/^zod(\\/v4)?\\/locales(\\/index\\.js)?$/]',
          message: 'Import one locale module (zod/v4/locales/zh-CN.js), not all of them.',
        },
      ],
    },
  },
  {
    // The public web pages: plain browser ES modules, no build step.
    files: ['web/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
    rules: { eqeqeq: 'error', 'prefer-const': 'error' },
  },
  {
    // The local runtime, CLIs and benchmarks talk to a developer on the terminal.
    files: ['infra/local/**', 'infra/*-cli.ts', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
