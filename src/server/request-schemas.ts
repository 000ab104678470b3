import { z } from 'zod';
import { POOL_NAME } from './config-schema.ts';
import { badField, HttpError } from './http-errors.ts';

export const ANI_PATTERN = /^(?:\+?[0-9*#]{1,32}|anonymous)$/;
const ANI_MESSAGE =
  'ani must be a phone number (digits, *, #, optional leading +, at most 32) or "anonymous"';
const DNIS_PATTERN = /^[0-9]{1,20}$/;

/** The seed's POST body, plus the optional `pool` and `ttl` (seconds) extensions. */
export const PostBodySchema = z.strictObject({
  value: z.union([z.string(), z.record(z.string(), z.unknown())], {
    error: 'value must be a string or a JSON object',
  }),
  ani: z.string({ error: 'ani must be a string' }).regex(ANI_PATTERN, ANI_MESSAGE),
  pool: z
    .string({ error: 'pool must be a string' })
    .regex(POOL_NAME, 'pool must name a configured pool')
    .optional(),
  ttl: z.number({ error: 'ttl must be a number of seconds' }).positive('ttl must be > 0').optional(),
});
export type PostBody = z.output<typeof PostBodySchema>;

/** Parses the body or throws a 400 naming the first offending field. */
export function parsePostBody(body: unknown): PostBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badField('body', 'the body must be a JSON object like {"value": "...", "ani": "..."}');
  }
  const parsed = PostBodySchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue === undefined) throw badField('body', 'invalid body');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? 'body';
    throw new HttpError(400, 'unknown_field', `unknown field "${key}" (allowed: value, ani, pool, ttl)`, {
      field: key,
    });
  }
  const field = String(issue.path[0] ?? 'body');
  const message =
    issue.code === 'invalid_type' && issue.input === undefined ? `${field} is required` : issue.message;
  throw badField(field, message);
}

/** Splits the URL's `DNIS:ANI` and checks both parts. */
export function parseEntryKey(key: string): { dnis: string; ani: string } {
  const colon = key.indexOf(':');
  if (colon < 0) throw badField('key', 'the key must be DNIS:ANI, e.g. 5551234568:1234567890');
  const dnis = key.slice(0, colon);
  const ani = key.slice(colon + 1);
  if (!DNIS_PATTERN.test(dnis)) throw badField('dnis', 'dnis must be 1 to 20 digits');
  if (!ANI_PATTERN.test(ani)) throw badField('ani', ANI_MESSAGE);
  return { dnis, ani };
}
