// The baseline page's one script (built as a minified IIFE, like the embed bundle): bare sip.js
// (bench/page/bare-ua.ts's UserAgent + Registerer) registering from the options in its own
// data-* attributes; the page's prelude (pages.ts) is told when it is registered.
import { createBareUa } from '../page/bare-ua.ts';

const d = (document.currentScript as HTMLScriptElement | null)?.dataset ?? {};
const bench = (window as unknown as { benchLoad: { registered(): void; failed(e: unknown): void } })
  .benchLoad;
createBareUa({
  user: d['user'] ?? '',
  password: d['password'] ?? '',
  wsUrl: d['server'] ?? '',
  domain: d['domain'] ?? '',
  autoAnswer: false,
  sipDefaults: false,
}).then(
  () => bench.registered(),
  (e: unknown) => bench.failed(e),
);
