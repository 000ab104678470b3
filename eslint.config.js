import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

/**
 * The layer rules of shared/DESIGN.md, enforced: only telephony/ imports sip.js (and only journal/
 * will import idb); core/ imports nothing outside itself but zod/mini; the view never reaches
 * telephony; adapters never import each other (the roots in src/*.ts wire them); browser code
 * uses zod/mini, not classic zod (decision 0001).
 */
const adapters = ['telephony', 'calldata', 'journal', 'tabs', 'host', 'ui', 'server'];
const only = (pkg, owner) => ({ name: pkg, message: `Only src/${owner}/ imports ${pkg} (DESIGN.md).` });
const otherAdapters = (self) => ({
  regex: `(^|/)(${adapters.filter((a) => a !== self).join('|')})/`,
  message: `An adapter never imports another adapter: wire them in a composition root (src/*.ts).`,
});
const layerRules = (paths = [], patterns = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});
const browserPaths = (except) =>
  [only('sip.js', 'telephony'), only('idb', 'journal'), { name: 'zod', message: 'Browser code uses zod/mini (decision 0001).' }].filter(
    (p) => !(p.name === 'sip.js' && except === 'telephony') && !(p.name === 'idb' && except === 'journal'),
  );
const layers = [
  { files: ['src/*.ts'], rules: layerRules(browserPaths()) },
  {
    files: ['src/core/**/*.ts'],
    rules: layerRules(browserPaths(), [
      { regex: '^(?!\\./|zod/mini$)|\\.\\.', message: 'core/ is pure: it imports only its own modules and zod/mini.' },
    ]),
  },
  ...adapters
    .filter((a) => a !== 'server' && a !== 'ui')
    .map((a) => ({ files: [`src/${a}/**/*.ts`], rules: layerRules(browserPaths(a), [otherAdapters(a)]) })),
  { files: ['src/ui/**/*.ts'], rules: layerRules(browserPaths('ui'), [otherAdapters('ui'), { regex: 'telephony', message: 'ui/ never imports telephony.' }]) },
  { files: ['src/server/**/*.ts'], rules: layerRules([only('sip.js', 'telephony'), only('idb', 'journal')], [otherAdapters('server'), { regex: '(^|/)sandbox/', message: 'The cache service does not depend on the sandbox.' }]) },
  { files: ['src/sandbox/**/*.ts'], rules: layerRules([only('sip.js', 'telephony'), only('idb', 'journal')], [{ regex: '(^|/)(telephony|calldata|journal|tabs|host|ui)/', message: 'The sandbox (Node) uses only the server and core.' }]) },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'test/ui/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/ui/**/*.ts', 'test/ui/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: { ...litA11y.configs.recommended.rules },
  },
  ...layers,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
