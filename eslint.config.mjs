// Flat ESLint config for the whole workspace. Module boundaries are the point:
// tags on two axes (scope:*, type:*) and rules that forbid what would couple
// independently deployed services.
import { readdirSync, existsSync } from 'node:fs';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** One scope per service folder: a service may use only itself and shared code. */
const serviceScopes = existsSync('apps')
  ? readdirSync('apps', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
  : [];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/cdk.out', '**/node_modules', '**/.local-cloud', '**/coverage', '**/*.cjs', '**/*.mjs', '**/*.js', '**/vendor'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            // Type axis.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:mappers', 'type:infra'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:mappers', onlyDependOnLibsWithTags: ['type:contracts'] },
            // Contracts are the leaf everyone shares: they may import nothing internal.
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:tooling',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:mappers', 'type:infra', 'type:tooling'],
            },
            // Scope axis.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:tooling', 'scope:shared'] },
            ...serviceScopes.map((scope) => ({
              sourceTag: `scope:${scope}`,
              onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
            })),
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      // With noUncheckedIndexedAccess on, `xs[i]!` after a bounds check is the honest idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/__testing__/**/*.ts', 'tools/**/*.ts', '**/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
];
