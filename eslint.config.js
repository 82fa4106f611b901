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
