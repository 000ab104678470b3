/**
 * A host project that installs the packed package: its package.json, a strict tsconfig (the
 * options a careful TypeScript host turns on, and no Node types: it is a browser page), and a
 * page script that uses the element, its config type, an event, a method and the define entry.
 * Each `@ts-expect-error` proves a type is really there (not `any`): if the line type-checked,
 * tsc would fail on the unused directive.
 */
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const MAIN = `import { VERSION, parsePhoneConfig, type CtiSoftphone, type PhoneConfigInput, type PhoneStatus } from 'cti-softphone';
import 'cti-softphone/define';

const config: PhoneConfigInput = {
  server: 'wss://pbx.example.com:8089/ws',
  aor: 'sip:1001@pbx.example.com',
  credentials: async () => ({ username: '1001', password: 'from-the-backend' }),
};
const parsed = parsePhoneConfig(config);
if (!parsed.ok) console.warn(parsed.error);

const phone: CtiSoftphone = document.createElement('cti-softphone');
phone.config = config;
phone.addEventListener('cti-offer', (e) => {
  const number: string = e.detail.from.number;
  console.log('screen pop', number);
  // @ts-expect-error an offer's detail has no such field
  console.log(e.detail.noSuchField);
});
phone.addEventListener('cti-disconnect', (e) => console.log(e.detail.reason));
document.body.append(phone);

const status: PhoneStatus | undefined = await phone.getStatus();
console.log(status?.registration.state, status?.calls.length, VERSION);

const history = document.createElement('cti-call-history');
history.records = [];

// @ts-expect-error config is checked: server must be a string
phone.config = { server: 1, aor: 'sip:1001@pbx.example.com' };
// @ts-expect-error notifications is 'on' | 'off'
phone.notifications = 'sometimes';
`;

export const consumerFiles: Readonly<Record<string, string>> = {
  'package.json': json({ name: 'cti-host', version: '1.0.0', private: true, type: 'module' }),
  'tsconfig.json': json({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      types: [],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noImplicitOverride: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: false,
      noEmit: true,
    },
    include: ['src'],
  }),
  'src/main.ts': MAIN,
};
