// JavaScript half of the WebAssembly boundary (shipped in the npm packages: kept short).
// toJson: the JSON text of a value for the object API, or [path, message] for the first value
// JSON.stringify would lose or mangle silently (NaN, ±Infinity, bigint, symbol, function, a
// cycle, nesting deeper than the core reads). As JSON.stringify: undefined members are absent,
// undefined in an array is null, toJSON is honoured. nis2Error: the thrown Nis2Error.

/** Arrays and objects nested in one another: the core's limit max_depth (nis2_core::limits,
 * docs/limits.md), counted alike (the request object is level 1). */
const MAX_DEPTH = 64;

export function toJson(value) {
  const problem = check(value, '$', '', 0, []);
  return problem ?? JSON.stringify(value === undefined ? null : value);
}

function check(value, path, key, depth, ancestors) {
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint') && typeof value.toJSON === 'function') {
    value = value.toJSON(key);
  }
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value)
        ? null
        : [path, `must be a finite number, not ${value}: JSON has no NaN or Infinity`];
    case 'bigint':
      return [path, 'invalid type: bigint, expected a JSON value (use a number)'];
    case 'symbol':
    case 'function':
      return [path, `invalid type: ${typeof value}, expected a JSON value`];
    case 'object':
      break;
    default:
      return null; // string, boolean, undefined
  }
  if (value === null) return null;
  if (ancestors.includes(value)) return [path, 'the object contains itself (a cycle): JSON cannot express it'];
  if (depth >= MAX_DEPTH) return [path, `nests more than ${MAX_DEPTH} arrays and objects deep (limit max_depth = ${MAX_DEPTH})`, 'max_depth'];
  ancestors.push(value);
  let problem = null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && !problem; i++) {
      problem = check(value[i], `${path}[${i}]`, String(i), depth + 1, ancestors);
    }
  } else {
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v === undefined) continue;
      problem = check(v, `${path}.${k}`, k, depth + 1, ancestors);
      if (problem) break;
    }
  }
  ancestors.pop();
  return problem;
}

// kind, path (where one applies), suggestions, accepted, limit (for limit_exceeded), errors
// (always arrays; a nested problem is a plain object with the same fields and its message).
export function nis2Error(reportJson) {
  const report = JSON.parse(reportJson);
  const e = new Error(report.message);
  e.name = 'Nis2Error';
  const { message, ...rest } = problem(report);
  return Object.assign(e, rest);
}

function problem({ kind, message, path, suggestions = [], accepted = [], limit, errors = [] }) {
  return {
    kind, message, ...(path === undefined ? {} : { path }), suggestions, accepted,
    ...(limit === undefined ? {} : { limit }), errors: errors.map(problem),
  };
}

// Strings from UTF-16 (or ASCII) in the module's memory, where the host does that fast (Node's
// Buffer copies them; its UTF-8 decoder is ten times slower on text with letters outside
// ASCII). Elsewhere the module hands over UTF-8 (wasm-bindgen's TextDecoder).
const NodeBuffer =
  typeof Buffer === 'function' && typeof Buffer.prototype.ucs2Slice === 'function' && typeof Buffer.prototype.latin1Slice === 'function'
    ? Buffer
    : null;

export function utf16Strings() {
  return NodeBuffer !== null;
}

let view = null; // a Buffer over the memory (a new one when the memory has grown)

export function fromMemory(memory, start, end, latin1) {
  if (view === null || view.buffer !== memory.buffer) view = NodeBuffer.from(memory.buffer);
  return latin1 ? view.latin1Slice(start, end) : view.ucs2Slice(start, end);
}

export function parseFromMemory(memory, start, end, latin1) {
  return JSON.parse(fromMemory(memory, start, end, latin1));
}

// The detail level of call options that are plainly one (nothing, `{}`, `{detail}` of a plain
// object, or the name when byName): 0 explained, 1 verdict; -1 for the module to read and check.
export function detailCode(options, byName) {
  if (options === undefined || options === null) return 0;
  if (typeof options === 'string') return byName ? level(options) : -1;
  if (typeof options !== 'object' || Object.getPrototypeOf(options) !== Object.prototype) return -1;
  const keys = Object.keys(options);
  if (keys.length === 0) return 0;
  if (keys.length !== 1 || keys[0] !== 'detail') return -1;
  return options.detail === undefined ? 0 : level(options.detail);
}

function level(name) {
  return name === 'explained' ? 0 : name === 'verdict' ? 1 : -1;
}
