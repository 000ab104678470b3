// @web/test-runner plugin: one real Kamailio for the whole run, controlled from browser tests with
// executeServerCommand (see test/e2e/kamailio.ts for the typed browser-side wrappers):
//   'kamailio-info'          -> { wsUrl, domain, port, logFile, running }
//   'kamailio-stop'          -> info after stopping (registrations are lost: usrloc is in memory)
//   'kamailio-start'         -> info after (re)starting on the same port
//   'kamailio-registrations' -> string[] of registered AORs (user parts), via JSON-RPC ul.dump
//   'kamailio-locations'     -> [{ aor, contacts: [{ address, expires, userAgent, received }] }], via ul.dump
import { fileURLToPath } from 'node:url';
import { KamailioServer } from './kamailio-process.mjs';

const TEMPLATE = fileURLToPath(new URL('./kamailio.cfg', import.meta.url));

/**
 * The plugin, plus `reporter`: a wtr reporter that prints Kamailio's log path under a failed e2e test file.
 * @param {{ binary: string, template?: string }} options
 * @returns {import('@web/test-runner').TestRunnerPlugin & { reporter: import('@web/test-runner').Reporter }}
 */
export function kamailioPlugin({ binary, template = TEMPLATE }) {
  const server = new KamailioServer({ binary, template });
  /** @type {Record<string, () => Promise<unknown>>} */
  const commands = {
    'kamailio-info': async () => server.info(),
    'kamailio-stop': async () => {
      await server.stop();
      return server.info();
    },
    'kamailio-start': () => server.start(),
    'kamailio-registrations': () => server.registrations(),
    'kamailio-locations': () => server.locations(),
  };
  return {
    name: 'kamailio',
    reporter: {
      reportTestFileResults({ logger, sessionsForTestFile, testFile }) {
        const failed = sessionsForTestFile.some((session) => !session.passed);
        if (failed && testFile.replaceAll('\\', '/').includes('/test/e2e/'))
          logger.log(`Kamailio log: ${server.logFile}`);
      },
    },
    async serverStart() {
      await server.start();
    },
    async serverStop() {
      await server.stop();
    },
    async executeCommand({ command }) {
      const run = commands[command];
      if (!run) return undefined; // not ours: let other plugins answer
      try {
        return await run();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${command} failed: ${message}\nKamailio log: ${server.logFile}`, { cause: error });
      }
    },
  };
}
