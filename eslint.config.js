import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

/**
 * The layer rules of shared/DESIGN.md, enforced: only telephony/ imports sip.js (and only journal/
 * will import idb); core/ imports nothing outside itself but zod/mini; the view never reaches
 * telephony; adapters never import each other (the roots in src/*.ts wire them); browser code
 * uses zod/mini, not classic zod (decision 0001); createPhone (src/phone.ts) never pulls in sip.js.
 * Each row: the files, and the import specifiers (regexes) they must not use, with the reason.
 */
const adapters = ['telephony', 'calldata', 'journal', 'tabs', 'host', 'ui', 'server', 'sandbox'];
const forbid = {
  sipjs: ['^sip\\.js(/|$)', 'Only src/telephony/ imports sip.js (DESIGN.md).'],
  idb: ['^idb(/|$)', 'Only src/journal/ imports idb (DESIGN.md).'],
  zod: ['^zod(/v[34])?(/|$)(?!mini)', 'Browser code uses zod/mini (decision 0001).'],
  outsideCore: ['^(?!\\./|zod/mini$)|\\.\\.', 'core/ is pure: it imports only its own modules and zod/mini.'],
  adaptersBut: (self) => [
    `(^|/)(${adapters.filter((a) => a !== self).join('|')})/`,
    'An adapter never imports another adapter: wire them in a composition root (src/*.ts).',
  ],
  sipPhone: [
    '(^|/)(sip-phone|telephony/sip-telephony)\\.ts$',
    'createPhone takes telephony as a part: no sip.js here.',
  ],
  browserSide: [
    '(^|/)(telephony|calldata|journal|tabs|host|ui)/',
    'The sandbox (Node) uses only the server and core.',
  ],
};
const browser = (except) => [forbid.sipjs, forbid.idb, forbid.zod].filter((f) => f !== except);
const layerTable = [
  [['src/*.ts'], browser()],
  [['src/phone.ts'], [...browser(), forbid.sipPhone]],
  [['src/core/**/*.ts'], [...browser(), forbid.outsideCore]],
  [['src/telephony/**/*.ts'], [...browser(forbid.sipjs), forbid.adaptersBut('telephony')]],
  [['src/journal/**/*.ts'], [...browser(forbid.idb), forbid.adaptersBut('journal')]],
  ...['calldata', 'tabs', 'host', 'ui'].map((a) => [
    [`src/${a}/**/*.ts`],
    [...browser(), forbid.adaptersBut(a)],
  ]),
  [['src/server/**/*.ts'], [forbid.sipjs, forbid.idb, forbid.adaptersBut('server')]],
  [['src/sandbox/**/*.ts'], [forbid.sipjs, forbid.idb, forbid.browserSide]],
];
const layers = layerTable.map(([files, rules]) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: rules.map(([regex, message]) => ({ regex, message })) }],
    // import('sip.js') would get round the rule above.
    'no-restricted-syntax': [
      'error',
      ...rules.map(([regex, message]) => ({
        selector: `ImportExpression > Literal[value=/${regex.replaceAll('/', '\\/')}/]`,
        message,
      })),
    ],
  },
}));

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
