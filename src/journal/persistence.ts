/**
 * Persistent storage, asked for when the journal starts and only if not granted already:
 * Chromium decides on its own (no prompt, usually granted to a site the agent uses daily), while
 * Firefox asks the user, so a granted answer must not be asked again at every page load.
 * `answer` is what the browser said (undefined: no answer yet, or no Storage API).
 */
export function askPersistence(changed: () => void): { readonly answer: boolean | undefined } {
  const state: { answer: boolean | undefined } = { answer: undefined };
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persisted || !storage.persist) return state;
  storage
    .persisted()
    .then((already) => (already ? true : storage.persist()))
    .then((answer) => ((state.answer = answer), changed()))
    .catch(() => undefined);
  return state;
}
