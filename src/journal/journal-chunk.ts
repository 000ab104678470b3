import type { PhoneConfig } from '../config.ts';
import { callbackSink, type Sink } from './sink.ts';
import { webhookSink } from './webhook-sink.ts';

/**
 * The journal's lazily loaded chunk (journal-part.ts imports it on first use): the database code
 * and the sinks, so neither weighs on the page that only needs to register and ring.
 */
export { startEventJournal } from './event-journal.ts';

/** The sinks a config asks for, in a stable order (each sink's cursor is kept under its name). */
export function configuredSinks(c: PhoneConfig['journal']): Sink[] {
  const sinks: Sink[] = [];
  if (c.webhook) {
    const { credentials, ...rest } = c.webhook;
    sinks.push(webhookSink({ ...rest, ...(credentials ? { credentials } : {}) }));
  }
  if (c.onEvents) sinks.push(callbackSink('host', c.onEvents));
  return [...sinks, ...c.sinks];
}
