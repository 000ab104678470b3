// One Kamailio process for the test run: config from the template, free 127.0.0.1 port, log file,
// start/stop (restart keeps the port), JSON-RPC over HTTP on the same port.
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { HOST, RUN_DIR_PREFIX, findFreePort, postOnce, pruneOldRunDirs } from './kamailio-support.mjs';

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

const RpcResponse = z.union([
  z.object({ result: z.unknown() }),
  z.object({ error: z.object({ code: z.number(), message: z.string() }) }),
]);
// ul.dump shape (Kamailio 5.6): { Domains: [{ Domain: { Domain, AoRs: [{ Info: { AoR, Contacts } }] } }] }
const UlDump = z.object({
  Domains: z.array(
    z.object({ Domain: z.object({ AoRs: z.array(z.object({ Info: z.object({ AoR: z.string() }) })) }) }),
  ),
});

// ul.dump with the contacts: each one's address, seconds left, user agent and where it came from.
const Contact = z.looseObject({
  Address: z.string(),
  Expires: z.union([z.number(), z.string()]),
  'User-Agent': z.string().optional(),
  Received: z.string().optional(),
  'Last-Modified': z.number().optional(),
});
const UlDumpContacts = z.object({
  Domains: z.array(
    z.object({
      Domain: z.object({
        AoRs: z.array(
          z.object({
            Info: z.object({
              AoR: z.string(),
              Contacts: z.array(z.object({ Contact })).optional(),
            }),
          }),
        ),
      }),
    }),
  ),
});

/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class KamailioServer {
  /** @param {{ binary: string, template: string }} options */
  constructor({ binary, template }) {
    this.binary = binary;
    this.template = template;
    pruneOldRunDirs();
    this.runDir = mkdtempSync(path.join(tmpdir(), RUN_DIR_PREFIX));
    this.logFile = path.join(this.runDir, 'kamailio.log');
    /** @type {number | undefined} */
    this.port = undefined;
    /** @type {import('node:child_process').ChildProcess | undefined} */
    this.child = undefined;
    // Kamailio runs in its own process group: make sure it never outlives the test runner.
    process.once('exit', () => this.killGroup('SIGKILL'));
  }

  get running() {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What browser tests need to connect. */
  info() {
    if (this.port === undefined) throw new Error('Kamailio was never started');
    return {
      wsUrl: `ws://${HOST}:${this.port}`,
      domain: HOST,
      port: this.port,
      logFile: this.logFile,
      running: this.running,
    };
  }

  /** Marks the log with what the test bed did, so a post-mortem can tell our stops from a crash.
   * @param {string} message */
  note(message) {
    appendFileSync(this.logFile, `--- ${new Date().toISOString()} test bed: ${message}\n`);
  }

  /** Starts Kamailio (on the same port as before after a stop) and waits until JSON-RPC answers. */
  async start() {
    if (this.running) return this.info();
    this.port ??= await findFreePort();
    const cfg = path.join(this.runDir, 'kamailio.cfg');
    writeFileSync(cfg, readFileSync(this.template, 'utf8').replaceAll('__PORT__', String(this.port)));
    const log = openSync(this.logFile, 'a');
    const { runDir } = this;
    const args = [
      '-f',
      cfg,
      '-DD',
      '-E',
      '-m',
      '64',
      '-M',
      '8',
      '-Y',
      runDir,
      '-P',
      path.join(runDir, 'kamailio.pid'),
      '-w',
      runDir,
    ];
    const child = spawn(this.binary, args, { stdio: ['ignore', log, log], detached: true });
    closeSync(log);
    this.child = child;
    this.note(`started pid ${child.pid} on ${HOST}:${this.port}`);
    child.once('exit', (code, signal) => this.note(`pid ${child.pid} exited (${code ?? signal})`));
    const exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(`exited (${code ?? signal})`)),
    );
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const outcome = await Promise.race([
        this.rpc('core.uptime').then(
          () => 'ready',
          () => 'retry',
        ),
        exited,
      ]);
      if (outcome === 'ready') {
        this.note(`pid ${child.pid} ready`);
        return this.info();
      }
      if (outcome !== 'retry' || Date.now() > deadline) {
        await this.stop();
        throw new Error(
          `Kamailio did not start on ${HOST}:${this.port}: ${outcome === 'retry' ? 'no answer' : outcome}. Log: ${this.logFile}\n${this.logTail()}`,
        );
      }
      await delay(50);
    }
  }

  /** Stops Kamailio (SIGTERM, then SIGKILL of its process group) and waits for the exit. */
  async stop() {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.note(`stopping pid ${child.pid}`);
    this.killGroup('SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), delay(STOP_TIMEOUT_MS).then(() => true)]);
    if (timedOut) {
      this.killGroup('SIGKILL');
      await exited;
    }
    // Worker processes may take a moment longer than the main one to release the sockets.
    this.killGroup('SIGKILL');
    this.child = undefined;
  }

  /** @param {NodeJS.Signals} signal */
  killGroup(signal) {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // group already gone
    }
  }

  /**
   * Calls a Kamailio JSON-RPC method over HTTP (POST /RPC on the SIP port).
   * @param {string} method
   * @param {unknown[]} [params]
   */
  async rpc(method, params = []) {
    const body = RpcResponse.parse(
      JSON.parse(
        await postOnce(this.port ?? 0, '/RPC', JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 })),
      ),
    );
    if ('error' in body) throw new Error(`Kamailio RPC ${method}: ${body.error.message}`);
    return body.result;
  }

  /** AORs (user parts, e.g. "1001") currently in the location table, sorted. */
  async registrations() {
    const dump = UlDump.parse(await this.rpc('ul.dump'));
    return dump.Domains.flatMap((d) => d.Domain.AoRs.map((a) => a.Info.AoR)).sort();
  }

  /**
   * The location table with its contacts: [{ aor, contacts: [{ address, expires, userAgent, received }] }],
   * sorted by AOR. `expires` is the seconds left, or Kamailio's word for it ("deleted", "expired").
   */
  async locations() {
    const dump = UlDumpContacts.parse(await this.rpc('ul.dump'));
    return dump.Domains.flatMap((d) =>
      d.Domain.AoRs.map((a) => ({
        aor: a.Info.AoR,
        contacts: (a.Info.Contacts ?? []).map(({ Contact: c }) => ({
          address: c.Address,
          expires: c.Expires,
          userAgent: c['User-Agent'] ?? '',
          received: c.Received ?? '',
        })),
      })),
    ).sort((x, y) => x.aor.localeCompare(y.aor));
  }

  /** The last lines of the log, for error messages. */
  logTail(lines = 20) {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
