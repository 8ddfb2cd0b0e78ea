#!/usr/bin/env node
// Where the bytes of a .wasm go (twiggy is not available here): the size of each section raw and
// gzipped, the data segment split into code and data, and the largest functions by body size,
// named from the name section (run it on wasm-bindgen's output, before wasm-opt strips names),
// with their total grouped by crate.
//
//   node scripts/wasm-size.mjs FILE.wasm [top N functions, default 40] [regex: only those functions]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const file = process.argv[2];
const top = Number(process.argv[3] ?? 40);
const only = process.argv[4] ? new RegExp(process.argv[4]) : null;
if (!file) {
  console.error('usage: wasm-size.mjs FILE.wasm [N]');
  process.exit(2);
}
const buf = readFileSync(file);
const gz = (b) => gzipSync(b, { level: 9 }).length;

let pos = 8;
function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return result;
  }
}
const name = () => {
  const len = leb();
  const s = buf.toString('utf8', pos, pos + len);
  pos += len;
  return s;
};

const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = [];
while (pos < buf.length) {
  const id = buf[pos++];
  const size = leb();
  const start = pos;
  let label = SECTIONS[id] ?? `#${id}`;
  if (id === 0) label = `custom:${name()}`;
  sections.push({ id, label, start, end: start + size });
  pos = start + size;
}

console.log(`${file}: ${buf.length} bytes raw, ${gz(buf)} gzip -9`);
console.table(
  sections.map((s) => ({ section: s.label, bytes: s.end - s.start, gzip: gz(buf.subarray(s.start, s.end)) })),
);

// Imported functions come first in the function index space.
const section = (id, label) => sections.find((s) => s.id === id && (label === undefined || s.label === label));
let imported = 0;
const imp = section(2);
if (imp) {
  pos = imp.start;
  for (let n = leb(), i = 0; i < n; i++) {
    name();
    name();
    const kind = buf[pos++];
    if (kind === 0) {
      leb();
      imported++;
    } else if (kind === 1) {
      pos++;
      const flags = leb();
      leb();
      if (flags & 1) leb();
    } else if (kind === 2) {
      const flags = leb();
      leb();
      if (flags & 1) leb();
    } else if (kind === 3) {
      pos += 2;
    } else {
      pos += 2;
    }
  }
}

const names = new Map();
const ns = section(0, 'custom:name');
if (ns) {
  pos = ns.start;
  name();
  while (pos < ns.end) {
    const sub = buf[pos++];
    const size = leb();
    const end = pos + size;
    if (sub === 1) {
      for (let n = leb(), i = 0; i < n; i++) {
        const idx = leb();
        names.set(idx, name());
      }
    }
    pos = end;
  }
}

const code = section(10);
if (code) {
  pos = code.start;
  const funcs = [];
  for (let n = leb(), i = 0; i < n; i++) {
    const size = leb();
    funcs.push({ index: imported + i, size, start: pos });
    pos += size;
  }
  const label = (f) => names.get(f.index) ?? `func[${f.index}]`;
  if (only) {
    const kept = funcs.filter((f) => only.test(label(f)));
    console.log(`${kept.length} functions match ${only}: ${kept.reduce((a, f) => a + f.size, 0)} bytes of ${code.end - code.start}`);
    funcs.splice(0, funcs.length, ...kept);
  }
  funcs.sort((a, b) => b.size - a.size);
  if (!names.size) console.log('(no name section: run on the wasm-bindgen output, not the wasm-opt one)');
  console.table(funcs.slice(0, top).map((f) => ({ function: label(f).slice(0, 110), bytes: f.size })));
  // Group by crate: the first path segment of a demangled-ish Rust symbol.
  const crates = new Map();
  for (const f of funcs) {
    const n = label(f)
      .replace(/^_ZN[0-9]*/, '')
      .replace(/^</, '');
    const m = /^([a-z_][a-z0-9_]*)(::|[0-9])/.exec(n);
    const key = m ? m[1] : n.startsWith('func[') ? '(unnamed)' : '(other)';
    crates.set(key, (crates.get(key) ?? 0) + f.size);
  }
  console.table(
    [...crates.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([crate, bytes]) => ({ crate, bytes })),
  );
}
