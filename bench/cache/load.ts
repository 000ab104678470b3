import autocannon, { type Context, type RawRequest, type Result } from 'autocannon';

const AUTH = `Basic ${Buffer.from('username:password').toString('base64')}`;
let calls = 0;

/** A fresh, valid ANI for every call so allocations never exhaust the pool. */
const nextAni = (): string => `1${String(calls++).padStart(9, '0')}`;

/**
 * The seed's call lifecycle on every connection: POST the call data, GET it
 * (system Y receives the call), DELETE it (fetch-and-delete). 1/3 of each.
 */
export function runMix(url: string, durationS: number, connections = 50): Promise<Result> {
  return autocannon({
    url,
    connections,
    duration: durationS,
    headers: { authorization: AUTH },
    requests: [
      {
        method: 'POST',
        path: '/cticache/DNIS-ANI',
        setupRequest: (req: RawRequest, ctx: Context) => {
          ctx['ani'] = nextAni();
          return {
            ...req,
            headers: { authorization: AUTH, 'content-type': 'application/json' },
            body: JSON.stringify({ value: '12345678', ani: ctx['ani'] }),
          };
        },
        onResponse: (status: number, body: string, ctx: Context) => {
          if (status === 201) ctx['dnis'] = (JSON.parse(body) as { dnis: string }).dnis;
        },
      },
      {
        method: 'GET',
        setupRequest: (req: RawRequest, ctx: Context) => ({ ...req, path: keyPath(ctx) }),
      },
      {
        method: 'DELETE',
        setupRequest: (req: RawRequest, ctx: Context) => ({ ...req, path: keyPath(ctx) }),
      },
    ],
  });
}

function keyPath(ctx: Context): string {
  return `/cticache/DNIS-ANI/${String(ctx['dnis'])}:${String(ctx['ani'])}`;
}
