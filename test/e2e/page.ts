// Browser-side wrappers of page-plugin.mjs: what a test page cannot do to itself.
import { executeServerCommand } from '@web/test-runner-commands';

export const grantPermission = (permission: 'notifications') =>
  executeServerCommand('page-grant', { permission });
/** Another tab comes to the front: this page's visibilityState becomes `hidden`. */
export const hidePage = () => executeServerCommand('page-hide');
export const showPage = () => executeServerCommand('page-show');

/** The URL of the tab this page opened under window name `name`, or null; `close` closes it. */
export async function popupUrl(name: string, close = false): Promise<string | null> {
  const answer = (await executeServerCommand('page-popup', { name, close })) as { url?: unknown } | undefined;
  return typeof answer?.url === 'string' ? answer.url : null;
}
