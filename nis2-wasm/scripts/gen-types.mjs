#!/usr/bin/env node
// Generates, for each WebAssembly build, the package's JavaScript entry point and its TypeScript
// declarations from the op registry of that build (its `opsJson()`) and the JSON Schemas
// (<repo>/schemas/*.schema.json):
//
//   js/api.js, types/nis2.d.ts              npm package `nis2` (the full engine)
//   js/api-scope.js, types/nis2-scope.d.ts  npm package `nis2-scope` (the scoping build)
//
// The declarations are the document types of every schema kind the registry names (each
// capability's request kind, each operation's response and verdict kinds, and `error`, `ops`),
// merged (a `$defs` name shared by schemas must mean the same type) and compiled with
// json-schema-to-typescript; then, per operation, `<Op>Response` / `<Op>Verdict` aliases
// (`CatalogMapResponse`), and per capability an overloaded function (one overload per operation
// for `{detail: "explained"}` and one for `{detail: "verdict"}`, then the catch-all) and its
// `…Json` twin. The JavaScript exports are one-liners over the module's `call` / `callJson`.
// Nothing here lists capabilities or operations: add one to the core's registry and regenerate.
//
//   node scripts/gen-types.mjs           write the four files
//   node scripts/gen-types.mjs --check   exit 1 when any of them is stale
//
// The registries are read from the built modules (wasm-bindgen output): NIS2_WASM_BUILD
// (default build/bindgen) and NIS2_WASM_SCOPE_BUILD (default build/scope/bindgen); build them
// first (`scripts/test-wasm.sh build`).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { compile } from 'json-schema-to-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = resolve(here, '..');
const schemaDir = resolve(process.env.NIS2_SCHEMAS ?? join(wasmDir, '..', 'schemas'));

export const BUILDS = [
  { pkg: 'nis2', bindgen: process.env.NIS2_WASM_BUILD ?? join(wasmDir, 'build', 'bindgen'), js: 'js/api.js', dts: 'types/nis2.d.ts', terse: false },
  // The scoping package is for calculators, with a size budget: its document types come
  // without the field descriptions (those of the package `nis2` have them).
  { pkg: 'nis2-scope', bindgen: process.env.NIS2_WASM_SCOPE_BUILD ?? join(wasmDir, 'build', 'scope', 'bindgen'), js: 'js/api-scope.js', dts: 'types/nis2-scope.d.ts', terse: true },
];

const pascal = (s) => s.replace(/(^|[-_.])([a-z0-9])/g, (_, __, c) => c.toUpperCase());
const camel = (s) => s.replace(/[-_.]([a-z0-9])/g, (_, c) => c.toUpperCase());

/** The op registry of a built module. */
export async function registryOf(bindgenDir) {
  const glue = join(bindgenDir, 'nis2.js');
  if (!existsSync(glue)) throw new Error(`no module in ${bindgenDir}: build it first (scripts/test-wasm.sh build)`);
  const mod = await import(pathToFileURL(glue).href);
  mod.initSync({ module: readFileSync(join(bindgenDir, 'nis2_bg.wasm')) });
  return JSON.parse(mod.opsJson());
}

// ---- document types from the schemas ---------------------------------------------------------

/** Rewrite every `"$ref": "#"` (a root schema's self-reference) to its def. */
function rootRefs(node, name) {
  if (Array.isArray(node)) return node.map((n) => rootRefs(n, name));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && v === '#' ? `#/$defs/${name}` : rootRefs(v, name)]));
  }
  return node;
}

// Keywords that only annotate: a `$ref` with only these beside it is still that type.
const ANNOTATIONS = new Set(['description', 'title', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', '$comment']);

/**
 * json-schema-to-typescript declares a new type (`Text1`…) for a `$ref` with a sibling
 * `description`: refer to the named type through `tsType` instead, keeping the description.
 */
function namedRefs(node, used) {
  if (Array.isArray(node)) return node.map((n) => namedRefs(n, used));
  if (!node || typeof node !== 'object') return node;
  const keys = Object.keys(node);
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/') && keys.length > 1 && keys.every((k) => k === '$ref' || ANNOTATIONS.has(k))) {
    const { $ref, ...annotations } = node;
    const name = $ref.slice('#/$defs/'.length);
    used.add(name);
    return { tsType: name, ...annotations };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, namedRefs(v, used)]));
}

/** A `$ref` with constraints beside it becomes `allOf` of the named type and the constraints. */
function splitRefs(node) {
  if (Array.isArray(node)) return node.map(splitRefs);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, splitRefs(v)]));
  const keys = Object.keys(out);
  if (typeof out.$ref !== 'string' || keys.every((k) => k === '$ref' || ANNOTATIONS.has(k))) return out;
  const annotations = {};
  const constraints = {};
  for (const k of keys) if (k !== '$ref') (ANNOTATIONS.has(k) ? annotations : constraints)[k] = out[k];
  return { ...annotations, allOf: [{ $ref: out.$ref }, constraints] };
}

const untitled = ({ title, ...rest }) => rest;

/** A schema without `description`s (at any depth). */
function undescribed(node) {
  if (Array.isArray(node)) return node.map(undescribed);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'description').map(([k, v]) => [k, undescribed(v)]));
}

/**
 * The explained type a verdict type was made from, if any: `<Name>Verdict` for a def `<Name>`;
 * for a verdict root, the root of the response kind whose title is the verdict's title without
 * `Verdict` (scope's verdict has a type of its own: it keeps its descriptions).
 */
function verdictOf(name, docs, defs) {
  const root = docs.find((d) => d.name === name);
  if (root) {
    if (!root.title.endsWith('Verdict')) return null;
    const base = docs.find((d) => d.title === root.title.slice(0, -'Verdict'.length) && d.name !== name);
    return base ? base.name : null;
  }
  return name.endsWith('Verdict') && name.slice(0, -'Verdict'.length) in defs ? name.slice(0, -'Verdict'.length) : null;
}

/**
 * TypeScript declarations of the documents of `kinds` (kind → the name of its root type, or
 * null for the schema's title). The `$defs` of every schema are declared under their names (a
 * name shared by schemas must mean the same type); a root named otherwise than its title also
 * gets its title as an alias, unless a def already has that name (a response carries `op`, the
 * same type nested in another document does not) or the registry implies it (`reserved`).
 * Returns { ts, roots: kind → type name }.
 */
async function documentTypes(kinds, reserved, terse) {
  const defs = {};
  const origin = {};
  const roots = {};
  const aliases = [];
  const define = (name, schema, file) => {
    if (name in defs && !isDeepStrictEqual(untitled(defs[name]), untitled(schema))) {
      throw new Error(`\`${name}\` is defined differently in ${origin[name]} and ${file}: give one Rust type another name`);
    }
    if (!(name in defs) || schema.title !== undefined) defs[name] = schema;
    origin[name] ??= file;
  };
  const docs = [...kinds.keys()].sort().map((kind) => {
    const file = `${kind}.schema.json`;
    const path = join(schemaDir, file);
    if (!existsSync(path)) throw new Error(`the registry names schema kind \`${kind}\`, but ${path} does not exist`);
    const { $schema, $id, $defs = {}, title, ...root } = JSON.parse(readFileSync(path, 'utf8'));
    if (!title) throw new Error(`${file} has no title`);
    return { kind, file, title, $defs, root, name: kinds.get(kind) ?? title };
  });
  for (const d of docs) for (const [defName, def] of Object.entries(d.$defs)) define(defName, def, d.file);
  for (const d of docs) {
    define(d.name, rootRefs({ title: d.name, ...d.root }, d.name), d.file);
    roots[d.kind] = d.name;
  }
  // A verdict type made from an explained one (`HitVerdict` from `Hit`: the same without its
  // prose) is declared without the field descriptions, which its explained type carries: they
  // would double the size of the declarations in the package.
  for (const [name, def] of Object.entries(defs)) {
    const base = verdictOf(name, docs, defs);
    if (base) defs[name] = { ...undescribed(def), description: `The verdict form of \`${base}\`: the same without its prose (\`Text\` fields).` };
    else if (terse) defs[name] = { ...undescribed(def), ...(def.title ? { description: `\`${def.title}\` (described in the package \`nis2\`).` } : {}) };
  }
  for (const d of docs) {
    if (d.title !== d.name && !(d.title in defs) && !reserved.has(d.title) && !aliases.some((a) => a.name === d.title)) {
      aliases.push({ name: d.title, target: d.name });
    }
  }
  const used = new Set();
  // The root is an object of every document by kind, so that json-schema-to-typescript
  // declares every def (it honours `unreachableDefinitions` only on an object schema).
  const merged = JSON.parse(
    JSON.stringify(
      namedRefs(
        splitRefs({
          title: 'Nis2Documents',
          description: 'Every document type of this package by schema kind (`Nis2Documents["scope-result"]` is `ScopeResult`).',
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(Object.entries(roots).map(([k, name]) => [k, { $ref: `#/$defs/${name}` }])),
          required: Object.keys(roots),
          definitions: defs,
        }),
        used,
      ),
    ).replaceAll('"#/$defs/', '"#/definitions/'),
  );
  const raw = await compile(merged, 'Nis2Documents', {
    bannerComment: '',
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    format: true,
  });
  const note = String.raw` \* This interface was referenced by \x60Nis2Documents\x60's JSON-Schema\n \* via the \x60definition\x60 "\w+"\.\n`;
  const ts = raw
    .replace(new RegExp(String.raw`/\*\*\n` + note + String.raw` \*/\n`, 'g'), '')
    .replace(new RegExp(String.raw` \*\n` + note, 'g'), '');
  for (const name of used) {
    if (!new RegExp(`^export (interface|type) ${name}\\b`, 'm').test(ts)) throw new Error(`\`${name}\` is referred to but not declared under that name`);
  }
  const numbered = ts.match(/^export (?:interface|type) \w+\d\b/gm);
  if (numbered) throw new Error(`duplicate declarations: ${numbered.join(', ')}`);
  const titled = aliases.map((a) => `/** The root type of its schema, by its title. */\nexport type ${a.name} = ${a.target};\n`).join('');
  return { ts: ts.trimEnd() + '\n\n' + titled, roots };
}

// ---- the API, from the registry -----------------------------------------------------------------

/** The exported name of each capability's functions, and of a `reference` op's own function. */
const exportName = (cap) => camel(cap.name);
const refExport = (op) => camel(op.name);

/** The fields a reference op's request requires besides `op` (`code` for `nace`): the
 * convenience function's positional arguments, with their TypeScript types. */
function refArgs(op) {
  const schema = JSON.parse(readFileSync(join(schemaDir, 'reference-request.schema.json'), 'utf8'));
  const def = schema.$defs?.[op.request_type] ?? {};
  const ts = { string: 'string', number: 'number', integer: 'number', boolean: 'boolean' };
  return (def.required ?? []).filter((k) => k !== 'op').map((k) => ({ name: camel(k), key: k, ts: ts[def.properties?.[k]?.type] ?? 'unknown' }));
}
const doc = (text, indent = '') => `${indent}/** ${text.replaceAll('*/', '*\\/')} */\n`;
const lit = (s) => JSON.stringify(s);

/** The JavaScript module of a build. */
function apiJs(registry, pkg) {
  const lines = [
    `// Generated by nis2-wasm/scripts/gen-types.mjs from the op registry of the ${pkg} build. Do not edit:`,
    '// run `npm run gen-types` in nis2-wasm.',
    "import init, { initSync, call, callJson, render, opsJson, version } from './nis2.js';",
    '',
    'export { init as default, initSync, call, callJson, render, version };',
    '',
    '/** The op registry of this build. */',
    'export const ops = () => JSON.parse(opsJson());',
  ];
  for (const cap of registry.capabilities) {
    const name = exportName(cap);
    lines.push('', `// ${cap.name}: ${cap.summary}`);
    lines.push(`export const ${name} = (request, options) => call(${lit(cap.name)}, request, options);`);
    lines.push(`export const ${name}Json = (request, options) => callJson(${lit(cap.name)}, request, options);`);
    if (cap.name === 'reference') {
      for (const op of cap.ops) {
        const args = refArgs(op);
        const params = [...args.map((a) => a.name), 'options'].join(', ');
        const fields = [`op: ${lit(op.name)}`, ...args.map((a) => (a.name === a.key ? a.key : `${lit(a.key)}: ${a.name}`))].join(', ');
        lines.push(`export const ${refExport(op)} = (${params}) => call('reference', { ${fields} }, options);`);
      }
    }
    if (cap.name === 'screen') {
      // Many profiles at once: each in its row's `profile`, the verdict level by default.
      lines.push(
        'export const scopeMany = (profiles, options = {}) =>',
        "  call('screen', { op: 'rows', rows: Array.from(profiles, (profile) => ({ profile })), strict: options.strict === true },",
        "    { detail: options.detail === undefined ? 'verdict' : options.detail });",
      );
    }
  }
  return lines.join('\n') + '\n';
}

/** The TypeScript declarations of a build. */
async function apiDts(registry, pkg, terse) {
  // Every kind the registry names: a response or verdict is declared under its operation's
  // name (`CatalogMapResponse`, `CatalogMapVerdict`), a request, the error and the registry under
  // their schema titles.
  const opTypes = (op) => ({ response: `${pascal(op.id)}Response`, verdict: `${pascal(op.id)}Verdict` });
  const kinds = new Map([['error', null], ['ops', null]]);
  for (const cap of registry.capabilities) {
    kinds.set(cap.request_kind, null);
    for (const op of cap.ops) kinds.set(op.response_kind, opTypes(op).response).set(op.verdict_kind, opTypes(op).verdict);
  }
  const unions = registry.capabilities.flatMap((c) => [`${pascal(c.name)}Response`, `${pascal(c.name)}Verdict`]);
  const { ts, roots } = await documentTypes(kinds, new Set(unions), terse);
  const declared = new Set([...ts.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]));
  const out = [];
  const alias = (name, target, text) => {
    if (name === target) return; // a capability of one operation of the same name (`scope`)
    if (declared.has(name)) throw new Error(`\`${name}\` (a name the registry implies) is already a document type`);
    declared.add(name);
    out.push(doc(text) + `export type ${name} = ${target};`);
  };
  out.push('// ---- per capability: any response, any verdict (from the op registry) ----');
  for (const cap of registry.capabilities) {
    const union = (f) => cap.ops.map((op) => opTypes(op)[f]).join(' | ');
    alias(`${pascal(cap.name)}Response`, union('response'), `Any explained response of \`${cap.name}\`.`);
    alias(`${pascal(cap.name)}Verdict`, union('verdict'), `Any verdict of \`${cap.name}\`.`);
  }
  const caps = registry.capabilities;
  const all = (f) => caps.map((c) => `${pascal(c.name)}${f}`).join(' | ');
  const requests = (cap) => cap.ops.map((op) => op.request_type).join(' | ');
  // A choice of the registry, unless a schema declares it (the same words: `Lang`).
  const choice = (name, values, text) => {
    const union = values.map(lit).join(' | ');
    const have = new RegExp(`^export type ${name} = ([^;]*);`, 'm').exec(ts);
    if (have && have[1].replace(/\s+/g, ' ') !== union) throw new Error(`the schemas' \`${name}\` is ${have[1]}, the registry's ${union}`);
    return have ? '' : doc(text) + `export type ${name} = ${union};`;
  };
  out.push(
    '',
    '// ---- the boundary ----',
    choice('Capability', caps.map((c) => c.name), 'A capability of this build.'),
    choice('Detail', registry.details, 'How much a response explains: `explained` (the default: every rule with its text in English and Danish) or `verdict` (the decision and its machine-readable reasons, no prose).'),
    choice('Format', registry.formats, 'The formats of `render`.'),
    choice('Lang', registry.langs, 'The languages of `render` (and of every text of the engine).'),
    doc('Options of a call.') + 'export interface CallOptions {\n  detail?: Detail;\n}',
    doc('Options of `render`.') + 'export interface RenderOptions {\n  format: Format;\n  lang?: Lang;\n}',
    doc('Any explained response of this build.') + `export type Nis2Response = ${all('Response')};`,
    doc('Any verdict of this build.') + `export type Nis2Verdict = ${all('Verdict')};`,
    doc('Any request of this build (by capability).') +
      `export interface Nis2Requests {\n${caps.map((c) => `  ${c.name}: ${requests(c)};`).join('\n')}\n}`,
    `/**
 * What every function throws on bad input: an \`Error\` named \`Nis2Error\` carrying the core's
 * error report (the same on every surface: the CLI, Python, WebAssembly).
 */
export interface Nis2Error extends Error {
  readonly name: "Nis2Error";
  readonly kind: Nis2ErrorKind;
  /** The field path (\`$\`, \`$.size.staff_headcount\`, \`detail\`), where one applies. */
  readonly path?: string;
  /** Nearest valid values, for \`unknown_id\` (else empty). */
  readonly suggestions: string[];
  /** Every accepted value, for a short closed choice (else empty). */
  readonly accepted: string[];
  /** The limit reached, for \`limit_exceeded\` (docs/limits.md): its name and value. */
  readonly limit?: Nis2Limit;
  /** The individual problems, for \`multiple\` (else empty). */
  readonly errors: Nis2ErrorReport[];
}
/** What went wrong: a bad value or shape, an unknown id or choice, a request beyond a limit on input, several problems, a defect in the embedded data. */
export type Nis2ErrorKind = "invalid_input" | "unknown_id" | "limit_exceeded" | "multiple" | "data";
/** A limit on input (\`max_depth\`, \`max_items\`, \`max_string_bytes\`, …) and its value. */
export interface Nis2Limit {
  name: string;
  value: number;
}
/** One problem inside a \`multiple\` error. */
export interface Nis2ErrorReport {
  kind: Nis2ErrorKind;
  message: string;
  path?: string;
  suggestions: string[];
  accepted: string[];
  limit?: Nis2Limit;
  errors: Nis2ErrorReport[];
}`,
    '',
    '// ---- loading ----',
    'export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;',
    doc('Load the module (in a browser: fetched next to this file unless given).') +
      'export default function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<unknown>;',
    doc('Load the module from its bytes or a compiled module (Node: `initSync({ module: readFileSync(…/nis2_bg.wasm) })`).') +
      'export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;',
    '',
    '// ---- generic functions ----',
    doc('Run a request (a plain object) of a capability; the response as a plain object (exactly the JSON document of `callJson`). Throws a `Nis2Error`.') +
      'export function call<C extends Capability>(capability: C, request: Nis2Requests[C], options?: CallOptions): Nis2Response | Nis2Verdict;',
    doc('Run a request given as JSON text; the response as compact JSON text, byte for byte that of `nis2 call CAPABILITY FILE` and of Python. Throws a `Nis2Error`.') +
      'export function callJson(capability: Capability, request: string, options?: Detail | CallOptions): string;',
    doc("The core's view of a response document (an object from any surface, or its JSON text) as Markdown, self-contained HTML, SVG (a view's figure) or plain text, in English or Danish: every word from the engine's label catalog. Throws a `Nis2Error`.") +
      'export function render(document: Nis2Response | Nis2Verdict | object | string, options: RenderOptions): string;',
    doc('The op registry of this build: capabilities, operations, schema kinds.') + 'export function ops(): Registry;',
    doc('The version of the engine.') + 'export function version(): string;',
  );
  for (const cap of caps) {
    const name = exportName(cap);
    out.push('', `// ---- ${cap.name} ----`);
    const head = `${cap.summary} A request tagged by \`op\` in (its type names the operation), that operation's response out; \`{detail: "verdict"}\` for the verdict. Throws a \`Nis2Error\`.`;
    const lines = [doc(cap.tagged ? head : `${cap.summary} Throws a \`Nis2Error\`.`).trimEnd()];
    for (const op of cap.ops) {
      const t = opTypes(op);
      lines.push(`export function ${name}(request: ${op.request_type}, options?: { detail?: "explained" }): ${t.response};`);
      lines.push(`export function ${name}(request: ${op.request_type}, options: { detail: "verdict" }): ${t.verdict};`);
    }
    const [r, v] = [`${pascal(cap.name)}Response`, `${pascal(cap.name)}Verdict`];
    lines.push(`export function ${name}(request: ${requests(cap)}, options?: { detail?: "explained" }): ${r};`);
    lines.push(`export function ${name}(request: ${requests(cap)}, options: { detail: "verdict" }): ${v};`);
    lines.push(`export function ${name}(request: ${requests(cap)}, options?: CallOptions): ${r} | ${v};`);
    out.push(lines.join('\n'));
    out.push(doc(`\`${name}\` on JSON text: the core's bytes (compact JSON), unchanged. Throws a \`Nis2Error\`.`) + `export function ${name}Json(request: string, options?: CallOptions): string;`);
    if (cap.name === 'screen') {
      const t = opTypes(cap.ops[0]);
      out.push(
        doc('Scope many profiles at once: one row per profile, in order, each as `scope` answers it (the verdict level by default), a bad profile with its error in its row (paths under `$.profile`; `strict: true` throws on the first instead), and the counts. Throws a `Nis2Error`.') +
          `export function scopeMany(profiles: Iterable<Profile>, options?: { detail?: "verdict"; strict?: boolean }): ${t.verdict};\n` +
          `export function scopeMany(profiles: Iterable<Profile>, options: { detail: "explained"; strict?: boolean }): ${t.response};`,
      );
    }
    if (cap.name === 'reference') {
      for (const op of cap.ops) {
        const t = opTypes(op);
        const a = refArgs(op).map((x) => `${x.name}: ${x.ts}, `).join('');
        out.push(
          doc(`${op.summary} (\`reference\` op \`${op.name}\`.)`) +
            `export function ${refExport(op)}(${a}options?: { detail?: "explained" }): ${t.response};\n` +
            `export function ${refExport(op)}(${a}options: { detail: "verdict" }): ${t.verdict};\n` +
            `export function ${refExport(op)}(${a}options?: CallOptions): ${t.response} | ${t.verdict};`,
        );
      }
    }
  }
  const banner =
    `/* Generated by nis2-wasm/scripts/gen-types.mjs from schemas/*.schema.json (json-schema-to-typescript)\n` +
    ` * and the op registry of the ${pkg} build. Do not edit: run \`npm run gen-types\` in nis2-wasm. */\n\n`;
  return banner + ts.trimEnd() + '\n\n' + out.join('\n') + '\n';
}

// ---- main ----------------------------------------------------------------------------------------

const check = process.argv.includes('--check');
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let stale = false;
  for (const build of BUILDS) {
    const registry = await registryOf(build.bindgen);
    const files = [
      [build.js, apiJs(registry, build.pkg)],
      [build.dts, await apiDts(registry, build.pkg, build.terse)],
    ];
    for (const [rel, text] of files) {
      const file = join(wasmDir, rel);
      if (check) {
        const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
        if (current !== text) {
          console.error(`${rel} is stale (the ${build.pkg} registry or schemas/ changed): run \`npm run gen-types\` in nis2-wasm`);
          stale = true;
        } else {
          console.log(`${rel} is up to date`);
        }
      } else {
        writeFileSync(file, text);
        console.log(`wrote ${rel}`);
      }
    }
  }
  if (stale) process.exit(1);
}
