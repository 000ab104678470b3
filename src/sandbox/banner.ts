/**
 * The text `npm start` prints once everything listens: every demo page (test/sandbox/banner.test.ts
 * checks that each page is listed and each listed page exists).
 */
export interface BannerInput {
  readonly webPort: number;
  readonly sipUrl: string;
  readonly cache:
    | { readonly url: string; readonly user: string; readonly warning?: string | undefined }
    | { readonly error: string };
  readonly users: Readonly<Record<string, string>>;
}

export function formatBanner(input: BannerInput): string {
  const web = `http://localhost:${input.webPort}`;
  const userList = Object.entries(input.users);
  const first = userList[0]?.[0] ?? '1001';
  const last = userList.at(-1)?.[0] ?? first;
  const cache =
    'url' in input.cache
      ? `${input.cache.url}   (HTTP Basic ${input.cache.user})`
      : `not running: ${input.cache.error}`;
  return [
    '',
    'cti-softphone sandbox is running. Open two or three tabs and call between them:',
    '',
    `  phone 1001      ${web}/?user=1001   (index.html)`,
    `  phone 1002      ${web}/?user=1002`,
    `  phone 1003      ${web}/?user=1003`,
    `  demo CRM        ${web}/demo/crm.html   (embeds the phone as 1001; tel: links click-to-call)`,
    `  caller / IVR    ${web}/demo/caller.html   (1009: calls the CRM page with call data)`,
    `  standalone tab  ${web}/demo/phone.html?user=1001   (opens tel: and sip: links, ?dial=)`,
    `  iframe demo     ${web}/demo/iframe-demo.html   (the phone framed from 127.0.0.1, postMessage)`,
    '',
    `  SIP over WS     ${input.sipUrl}   (registrar + proxy, dev only)`,
    `  call-data cache ${cache}`,
    ...('warning' in input.cache && input.cache.warning ? [`  WARNING: ${input.cache.warning}`] : []),
    `  SIP users       ${first}…${last}, password "pw" + extension (e.g. ${first} / ${input.users[first] ?? ''})`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
