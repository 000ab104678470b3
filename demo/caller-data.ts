// The caller page's form (demo/caller.html), read at the boundary: what a customer told the IVR
// becomes the call data sent with the call (X-Call-Data JSON, User-to-User) or stored in the
// cache (seed 000). Pure (no DOM): test/sandbox tests it.
import { z } from 'zod/mini';
import type { CallDataObject } from '../src/core/call-data.ts';
import { err, ok, type Result } from '../src/core/result.ts';

/** The spare extension the caller page registers as: the ANI of its calls and of its cache entries. */
export const CALLER_EXTENSION = '1009';
export const CALLER_DISPLAY_NAME = 'Customer (IVR)';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** The form's fields, as the page reads them (every input's value is a string). */
export interface CallerForm {
  readonly target: string;
  readonly customer: string;
  readonly account: string;
  readonly reason: string;
  readonly priority: string;
  readonly language: string;
  readonly ivrPath: string;
  readonly uui: string;
}

/** What a new user sees prefilled: a realistic IVR hand-off to the CRM page's agent. */
export const DEFAULT_FORM: CallerForm = {
  target: '1001',
  customer: 'Maria Garcia',
  account: 'ACC-20417',
  reason: 'Disputed invoice INV-88231 (charged twice)',
  priority: 'high',
  language: 'es-US',
  ivrPath: 'Main menu > Billing > Speak to an agent',
  uui: 'case=CS-88231;verified=pin',
};

/** A text field: trimmed, bounded, and empty means "not sent". */
const field = (label: string, max: number) =>
  z.string().check(z.trim(), z.maxLength(max, `${label}: at most ${max} characters`));

const formSchema = z.object({
  target: z
    .string()
    .check(z.trim(), z.regex(/^[0-9]{1,20}$/, 'target: an extension or number, digits only (e.g. 1001)')),
  customer: field('customer name', 100),
  account: field('account', 40),
  reason: field('reason', 200),
  priority: z.enum(PRIORITIES, `priority: one of ${PRIORITIES.join(', ')}`),
  language: field('language', 16),
  ivrPath: field('IVR path', 200),
  uui: field('User-to-User', 256),
});

export interface PreparedCall {
  readonly target: string;
  /** The data fields, without the empty ones. */
  readonly data: CallDataObject;
  /** The User-to-User text, if any (sent hex-encoded by the widget, RFC 7433). */
  readonly uui?: { readonly data: string };
}

/** The form → what to dial and send; an invalid form is the message to show, never an exception. */
export function prepareCall(form: unknown): Result<PreparedCall, string> {
  const parsed = formSchema.safeParse(form);
  if (!parsed.success) return err(parsed.error.issues.map((i) => i.message).join('; '));
  const { target, uui, ...fields } = parsed.data;
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== '') data[key] = value;
  return ok({ target, data, ...(uui === '' ? {} : { uui: { data: uui } }) });
}

/**
 * What mode (b) stores in the cache: the same fields, and the UUI text as one more field (the
 * cache holds one JSON value). Seed 000 keys it by the DNIS it hands out and the caller's ANI.
 */
export function cacheValue(call: PreparedCall): CallDataObject {
  return call.uui ? { ...call.data, userToUser: call.uui.data } : call.data;
}
