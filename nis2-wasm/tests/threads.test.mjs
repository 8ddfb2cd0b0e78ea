// The npm package `nis2` in a worker_threads Worker (its own WebAssembly instance) gives, for a
// few hundred calls of every capability at both detail levels, results and errors alike, the
// exact bytes of the same calls on the main thread; two workers at once too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoDir, readJson, vectors, vectorCapabilities } from './helpers.mjs';
import { answer } from './worker-calls.mjs';

const calls = [];
for (const capability of vectorCapabilities) {
  for (const { vector, input } of vectors(capability)) {
    if (capability === 'assessment' && vector.input?.format === 'xlsx') continue;
    for (const detail of ['explained', 'verdict']) calls.push([capability, input, detail]);
  }
}
const malformed = join(repoDir, 'tests', 'vectors', 'malformed');
for (const f of readdirSync(malformed).filter((f) => f.endsWith('.json')).sort().slice(0, 60)) {
  const m = readJson(join(malformed, f));
  calls.push([m.capability, m.input_text, m.detail ?? 'explained']);
}

function inWorker(list) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-calls.mjs', import.meta.url));
    worker.once('message', (out) => {
      resolve(out);
      worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(list);
  });
}

test(`a Worker gives the main thread's bytes (${calls.length} calls)`, async () => {
  assert.ok(calls.length >= 300, `${calls.length} calls`);
  const main = calls.map(answer);
  assert.ok(main.some((a) => a.startsWith('error:')) && main.some((a) => a.startsWith('{')));
  const half = Math.ceil(calls.length / 2);
  // Two workers at once, each with half of the calls (in reverse order in the second).
  const [a, b] = await Promise.all([inWorker(calls.slice(0, half)), inWorker(calls.slice(half).reverse())]);
  const threaded = [...a, ...b.reverse()];
  assert.equal(threaded.length, main.length);
  for (let i = 0; i < main.length; i++) assert.equal(threaded[i], main[i], `${calls[i][0]} ${calls[i][2]}: ${calls[i][1].slice(0, 200)}`);
});
