// Entry of the journal bench page bundle (bench/journal/build.ts): the trials on window.journalBench.
import { drainTrial } from './drain-trials.ts';
import { appendTrial, strictSamples } from './idb-trials.ts';
import type { JournalBenchApi } from './protocol.ts';

const api: JournalBenchApi = { appendTrial, strictSamples, drainTrial };
window.journalBench = api;
