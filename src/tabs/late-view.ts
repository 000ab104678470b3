import type { TabRole, TabsView } from './roles.ts';

/**
 * A tabbed phone's TabsView from the moment the phone exists: `starting` (and the popup its
 * own) until the tabs' code has loaded and taken part in the election, then whatever the
 * roles say. Listeners added early are told of every change once the roles are there.
 */
export class LateTabsView implements TabsView {
  #roles: TabsView | undefined;
  readonly #listeners = new Set<() => void>();

  get role(): TabRole {
    return this.#roles?.role ?? 'starting';
  }

  get attention(): boolean {
    return this.#roles?.attention ?? true;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  attach(roles: TabsView): void {
    this.#roles = roles;
    roles.onChange(() => this.#tell());
    this.#tell();
  }

  #tell(): void {
    for (const l of [...this.#listeners]) {
      try {
        l();
      } catch (e) {
        console.error('cti-softphone tabs: a listener threw', e);
      }
    }
  }
}
