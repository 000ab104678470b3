export * from './result.ts';
export * from './events.ts';
export * from './call-machine.ts';
export * from './phone-state.ts';
export * from './commands.ts';
export * from './stamper.ts';
export * from './backoff.ts';
export * from './phone-store.ts';
