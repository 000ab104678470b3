// demo/crm.html's receiver switch: radio buttons that take the sandbox's event sink online,
// offline (503, retried each second) or refusing (422: dead letters), through POST /sandbox/sink.
// The fieldset's `data-mode` is the mode the sandbox confirmed.
import {
  SINK_SWITCH_PATH,
  sinkModeSchema,
  sinkSwitchSchema,
  type SinkMode,
} from '../src/sandbox/sink-api.ts';

type Log = (type: string, detail: unknown, isError?: boolean) => void;

async function ask(init?: RequestInit): Promise<SinkMode | undefined> {
  try {
    const response = await fetch(SINK_SWITCH_PATH, { cache: 'no-store', ...init });
    const parsed = sinkSwitchSchema.safeParse(response.ok ? await response.json() : undefined);
    return parsed.success ? parsed.data.mode : undefined;
  } catch {
    return undefined;
  }
}

const setMode = (mode: SinkMode) =>
  ask({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });

function show(fieldset: HTMLFieldSetElement, mode: SinkMode): void {
  fieldset.dataset['mode'] = mode;
  for (const input of fieldset.querySelectorAll('input[type="radio"]'))
    if (input instanceof HTMLInputElement) input.checked = input.value === mode;
}

/**
 * Wires the switch; `usable` false (the receiver is not running) leaves it disabled. Resolves
 * once the sandbox said which mode it is in.
 */
export async function startSinkControl(
  fieldset: HTMLFieldSetElement,
  usable: boolean,
  log: Log,
  onSwitched: () => void,
): Promise<void> {
  const current = usable ? await ask() : undefined;
  if (current === undefined) {
    fieldset.disabled = true;
    return;
  }
  let confirmed = current;
  show(fieldset, confirmed);
  fieldset.disabled = false;
  fieldset.addEventListener('change', (event) => {
    const wanted = sinkModeSchema.safeParse(
      event.target instanceof HTMLInputElement ? event.target.value : '',
    );
    if (!wanted.success) return;
    fieldset.disabled = true;
    void setMode(wanted.data).then((mode) => {
      fieldset.disabled = false;
      if (mode === undefined) {
        log('outbox', `the sandbox did not switch the receiver ${wanted.data}`, true);
        show(fieldset, confirmed);
        return;
      }
      show(fieldset, (confirmed = mode));
      log('outbox', { receiver: mode });
      onSwitched();
    });
  });
}
