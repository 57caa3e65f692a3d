// Lint rules that keep the layout honest (see DESIGN.md):
// - handlers (lambda/) never load aws-cdk-lib or constructs, and take from lib/ only the
//   contract modules that the constructs share with them;
// - contract modules import nothing, so a handler bundle never drags in construct code;
// - no line over 160 characters outside data files.
import tseslint from 'typescript-eslint';

/** Modules of lib/ that a handler may import: each is shared by a construct and its function. */
const CONTRACT_MODULES = ['lib/contracts/**/*.ts'];
/** An import of lib/ from lambda/ outside lib/contracts/. */
const NON_CONTRACT_IMPORT = '^(\\.\\./)+lib/(?!contracts/)';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'assets/**', 'cdk.out/**', 'coverage/**', '**/*.d.ts', 'test/**/__snapshots__/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    // The prompt-injection vocabulary (injection/rules/*.ts, concepts.ts) is phrase lists that move to data files;
    // until then the line length rule, and only it, skips that folder.
    ignores: ['lambda/request-validator/injection/**'],
    rules: {
      'max-len': ['error', { code: 160, ignoreUrls: false, ignoreStrings: false, ignoreTemplateLiterals: false, ignoreRegExpLiterals: false }],
    },
  },
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'error',
    },
  },
  {
    files: ['lambda/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'], message: 'Handlers run in Lambda: no CDK code in lambda/.' },
          { regex: NON_CONTRACT_IMPORT, message: 'Handlers import from lib/ only the contract modules in lib/contracts/.' },
        ],
      }],
    },
  },
  {
    files: CONTRACT_MODULES,
    rules: {
      'no-restricted-syntax': ['error',
        { selector: 'ImportDeclaration', message: 'A contract module imports nothing: both a construct and a handler bundle load it.' },
        { selector: 'ExportAllDeclaration', message: 'A contract module re-exports nothing.' },
        { selector: 'ExportNamedDeclaration[source]', message: 'A contract module re-exports nothing.' },
      ],
    },
  },
  {
    // Vocabulary data modules: one list per language or concept, one long line each, easier to diff than wrapped ones.
    files: ['lambda/request-validator/injection/vocabulary/**/*.ts'],
    rules: { 'max-len': 'off' },
  },
  {
    // Test code works with JSON of any shape and pins values it does not type.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // CommonJS configuration files.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
