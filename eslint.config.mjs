// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Import boundaries (STYLE.md): controllers in apps/, rules in libs/; apps never import
 * each other; libs never import apps; a domain is entered only through its index, and
 * domains depend in one direction: membership ← dispatch ← billing ← insurance, all
 * over the infrastructure libs (config, database, queue, common).
 */
const DOMAINS = ['membership', 'dispatch', 'billing', 'insurance'];
const INFRA = ['common', 'config', 'database', 'queue'];
const LIBS = [...INFRA, ...DOMAINS, 'testing'];

/** Libraries a lib may import: everything before it in this order (no cycles possible). */
const LAYERS = { common: [], config: ['common'], database: ['common', 'config'], queue: ['common', 'config', 'database'] };
DOMAINS.forEach((d, i) => (LAYERS[d] = [...INFRA, ...DOMAINS.slice(0, i)]));

const deepImports = { group: ['@dure/*/*', '**/libs/*/src/**', '**/libs/*/src'], message: 'Import a library through its index: @dure/<lib>.' };
const appImports = { group: ['**/apps/**', '@dure/api', '@dure/worker'], message: 'Libraries never import applications.' };

const typeormInServices = { name: 'typeorm', message: 'Services use repositories; only *.repository.ts files touch TypeORM.' };

/** The boundary rule of one library; its services may not import TypeORM either. */
function libRules(lib) {
  const forbidden = LIBS.filter((l) => l !== lib && !LAYERS[lib].includes(l));
  const rule = (paths) => ({
    'no-restricted-imports': [
      'error',
      {
        paths,
        patterns: [
            deepImports,
            appImports,
          ...(forbidden.length
            ? [{ group: forbidden.map((l) => `@dure/${l}`), message: `libs/${lib} may import only ${LAYERS[lib].map((l) => '@dure/' + l).join(', ') || 'no other library'}.` }]
            : []),
          ...(DOMAINS.includes(lib)
            ? [{ group: ['../../*/src/**', '../../../libs/**'], message: 'Reach other libraries through @dure/<lib>.' }]
            : []),
        ],
      },
    ],
  });
  const files = [`libs/${lib}/src/**/*.ts`];
  const tests = ['**/*.spec.ts', '**/*.int-spec.ts'];
  return [
    { files, ignores: [...tests, '**/*.service.ts'], rules: rule([]) },
    { files: [`libs/${lib}/src/**/*.service.ts`], ignores: tests, rules: rule([typeormInServices]) },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'test-results/**', '*.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'off',
    },
  },
  ...LIBS.filter((l) => LAYERS[l]).flatMap(libRules),
  {
    files: ['libs/testing/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImports, appImports] }] },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [deepImports, { group: ['**/apps/worker/**', '**/worker/src/**'], message: 'The api never imports the worker.' }, { group: ['@dure/testing'], message: 'Test helpers stay out of the product.' }] }],
    },
  },
  {
    files: ['apps/worker/src/**/*.ts'],
    ignores: ['**/*.int-spec.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [deepImports, { group: ['**/apps/api/**', '**/api/src/**'], message: 'The worker never imports the api.' }, { group: ['@dure/testing'], message: 'Test helpers stay out of the product.' }] }],
    },
  },
  {
    // Configuration is read once, in libs/config; nothing else reads process.env.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/config/src/**', 'libs/testing/src/**', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration from AppConfig (libs/config).' }],
    },
  },
  {
    // The console is a browser app that knows the system only through its HTTP API.
    files: ['apps/console/**/*.{ts,tsx,mts}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@dure/*', '**/libs/**', '**/apps/api/**', '**/apps/worker/**'], message: 'The console uses only the HTTP API.' }] }],
      'no-restricted-properties': 'off',
    },
  },
);
