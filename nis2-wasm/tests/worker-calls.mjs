// Run in a worker_threads Worker by threads.test.mjs: loads the npm package `nis2` in the worker
// (its own WebAssembly instance) and answers each call it is sent with the exact bytes (or the
// error's report).
import { parentPort } from 'node:worker_threads';
import { nis2, report } from './helpers.mjs';

export function answer([capability, text, detail]) {
  try {
    return nis2.callJson(capability, text, { detail });
  } catch (e) {
    if (e?.name !== 'Nis2Error') throw e;
    return `error:${JSON.stringify(report(e))}`;
  }
}

if (parentPort) {
  parentPort.on('message', (calls) => parentPort.postMessage(calls.map(answer)));
}
