import {
  CacheConfigSchema,
  type CacheConfig,
  type CacheConfigInput,
} from '../../../src/server/config-schema.ts';

export const USER = 'username';
export const PASSWORD = 'password';
export const AUTH = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

/** A valid config for tests: the seed's credentials, quiet logs, port 0. */
export function testConfig(overrides: Partial<CacheConfigInput> = {}): CacheConfig {
  return CacheConfigSchema.parse({
    port: 0,
    users: [`${USER}:${PASSWORD}`],
    logLevel: 'silent',
    ...overrides,
  });
}

/** Collects log lines so tests can check what was (not) logged. */
export class LogCollector {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  get text(): string {
    return this.lines.join('');
  }
}
