#!/usr/bin/env node
// Generates types/nis2.d.ts (TypeScript types of every document) and types/nis2-scope.d.ts
// (those of the scoping build, npm package `nis2-scope`: the kinds in SCOPE_KINDS) from the JSON
// Schemas in <repo>/schemas/*.schema.json with json-schema-to-typescript. The schemas are merged into one
// (their `$defs` shared by name; a name defined differently by two schemas is an error), so a
// type used by several documents is declared once.
//
//   node scripts/gen-types.mjs           write types/nis2.d.ts and types/nis2-scope.d.ts
//   node scripts/gen-types.mjs --check   exit 1 when either is stale
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { compile } from 'json-schema-to-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = resolve(here, '..');
const schemaDir = resolve(process.env.NIS2_SCHEMAS ?? join(wasmDir, '..', 'schemas'));
const outFile = join(wasmDir, 'types', 'nis2.d.ts');
const scopeFile = join(wasmDir, 'types', 'nis2-scope.d.ts');

/** The document kinds of the scoping build (its exports' inputs and results, and errors). */
export const SCOPE_KINDS = ['scope-profile', 'scope-result', 'entity-types', 'member-states', 'error', 'obligations-request', 'obligations-result'];

// TypeScript name of each document kind's root type: its schema's title (the Rust type's name,
// as in the Python types), except for the kinds published under another name first. A def
// named like a renamed root's title (`Profile`) is that root, renamed too. Names must be
// unique across the schemas (a clash is an error: rename the Rust type in the core).
const NAMES = {
  'scope-profile': 'ScopeProfile',
  'member-states': 'MemberStateCatalog',
};
const pascal = (kind) => kind.replace(/(^|[-_])([a-z0-9])/g, (_, __, c) => c.toUpperCase());

/** Rewrite every `"$ref": "#/$defs/<from>"` into `"#/$defs/<to>"` (renames: from → to). */
function renameRefs(node, renames) {
  if (Array.isArray(node)) return node.map((n) => renameRefs(n, renames));
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      const target = k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? v.slice('#/$defs/'.length) : null;
      out[k] = target !== null && renames.has(target) ? `#/$defs/${renames.get(target)}` : renameRefs(v, renames);
    }
    return out;
  }
  return node;
}

/** A schema without its top-level `title` (a root carries its type's name as title; a def does not). */
const untitled = ({ title, ...rest }) => rest;

/** Replace every `"$ref": "#"` (a self-reference of a root schema) by a reference to its def. */
function rootRefs(node, name) {
  if (Array.isArray(node)) return node.map((n) => rootRefs(n, name));
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === '$ref' && v === '#' ? `#/$defs/${name}` : rootRefs(v, name);
    }
    return out;
  }
  return node;
}

// Keywords that only annotate: a `$ref` with only these beside it is still that type.
const ANNOTATIONS = new Set(['description', 'title', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', '$comment']);

/**
 * json-schema-to-typescript declares a new type (`Text1`, `Text2`…) for every `$ref` that has a
 * sibling `description` (schemars writes the field's doc comment there). Refer to the named type
 * with its `tsType` extension instead, keeping the description as the field's doc comment.
 */
function namedRefs(node, used) {
  if (Array.isArray(node)) return node.map((n) => namedRefs(n, used));
  if (!node || typeof node !== 'object') return node;
  const keys = Object.keys(node);
  if (
    typeof node.$ref === 'string' &&
    node.$ref.startsWith('#/$defs/') &&
    keys.length > 1 &&
    keys.every((k) => k === '$ref' || ANNOTATIONS.has(k))
  ) {
    const { $ref, ...annotations } = node;
    const name = $ref.slice('#/$defs/'.length);
    used.add(name);
    return { tsType: name, ...annotations };
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = namedRefs(v, used);
  return out;
}

/**
 * A `$ref` with constraints beside it (schemars writes an internally tagged enum's newtype
 * variant as `{ "$ref": "#/$defs/ListResponse", "properties": { "op": { "const": "list" } } }`)
 * would be declared again as `ListResponse1`: write it as `allOf` of the named type and the
 * constraints, so that it is `ListResponse & { op: "list" }`.
 */
function splitRefs(node) {
  if (Array.isArray(node)) return node.map(splitRefs);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = splitRefs(v);
  const keys = Object.keys(out);
  if (typeof out.$ref !== 'string' || keys.every((k) => k === '$ref' || ANNOTATIONS.has(k))) return out;
  const annotations = {};
  const constraints = {};
  for (const k of keys) {
    if (k === '$ref') continue;
    (ANNOTATIONS.has(k) ? annotations : constraints)[k] = out[k];
  }
  return { ...annotations, allOf: [{ $ref: out.$ref }, constraints] };
}

export async function generate(kinds = null) {
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .filter((f) => kinds === null || kinds.includes(f.slice(0, -'.schema.json'.length)))
    .sort();
  if (kinds !== null && files.length !== kinds.length) throw new Error(`missing schemas among ${kinds.join(', ')}`);
  if (files.length === 0) throw new Error(`no *.schema.json in ${schemaDir}`);
  const defs = {};
  const origin = {};
  const roots = {};
  // Two schemas may define the same name only identically (a root's added title aside).
  const define = (name, schema, file) => {
    if (name in defs && !isDeepStrictEqual(untitled(defs[name]), untitled(schema))) {
      throw new Error(`\`${name}\` is defined differently in ${origin[name]} and ${file}: give one Rust type another name`);
    }
    if (!(name in defs) || schema.title !== undefined) defs[name] = schema;
    origin[name] ??= file;
  };
  const docs = files.map((file) => {
    const kind = file.slice(0, -'.schema.json'.length);
    const { $schema, $id, $defs = {}, title, ...root } = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
    return { file, kind, name: NAMES[kind] ?? title ?? pascal(kind), title, $defs, root };
  });
  // The def names that are another document's root, under that document's name.
  const renames = new Map(docs.filter((d) => d.title && d.title !== d.name).map((d) => [d.title, d.name]));
  for (const name of renames.keys()) {
    if (docs.some((d) => d.name === name)) throw new Error(`\`${name}\` is both a document's name and another's title`);
  }
  for (const { file, kind, name, $defs, root } of docs) {
    for (const [defName, def] of Object.entries($defs)) {
      define(renames.get(defName) ?? defName, renameRefs(def, renames), file);
    }
    define(name, rootRefs({ title: name, ...renameRefs(root, renames) }, name), file);
    roots[kind] = { $ref: `#/$defs/${name}` };
  }
  const used = new Set();
  // The root is an object of every document by kind, so that `unreachableDefinitions` applies
  // (json-schema-to-typescript honours it only on an object schema): every def must be declared,
  // since `tsType` refers to it by name.
  const merged = JSON.parse(
    JSON.stringify(
      namedRefs(
        splitRefs({
          title: 'Nis2Documents',
          description: 'Every document type of the engine by kind (`Nis2Documents["scope-result"]` is `ScopeResult`).',
          type: 'object',
          additionalProperties: false,
          properties: roots,
          required: Object.keys(roots),
          definitions: defs,
        }),
        used,
      ),
    ).replaceAll('"#/$defs/', '"#/definitions/'),
  );
  const raw = await compile(merged, 'Nis2Documents', {
    bannerComment:
      '/* Generated by nis2-wasm/scripts/gen-types.mjs from schemas/*.schema.json with\n' +
      ' * json-schema-to-typescript. Do not edit: run `npm run gen-types` in nis2-wasm. */',
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    format: true,
  });
  // Drop the generator's "This interface was referenced by …" notes.
  const note = String.raw` \* This interface was referenced by \x60Nis2Documents\x60's JSON-Schema\n \* via the \x60definition\x60 "\w+"\.\n`;
  const ts = raw
    .replace(new RegExp(String.raw`/\*\*\n` + note + String.raw` \*/\n`, 'g'), '')
    .replace(new RegExp(String.raw` \*\n` + note, 'g'), '');
  for (const name of used) {
    if (!new RegExp(`^export (interface|type) ${name}\\b`, 'm').test(ts)) {
      throw new Error(`\`${name}\` is referred to but not declared under that name`);
    }
  }
  const numbered = ts.match(/^export (?:interface|type) \w+\d\b/gm);
  if (numbered) throw new Error(`duplicate declarations: ${numbered.join(', ')}`);
  return ts;
}

const check = process.argv.includes('--check');
let stale = false;
for (const [file, kinds] of [[outFile, null], [scopeFile, SCOPE_KINDS]]) {
  const ts = await generate(kinds);
  const name = `types/${file.split('/').pop()}`;
  if (check) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current !== ts) {
      console.error(`${name} is stale: run \`npm run gen-types\` in nis2-wasm`);
      stale = true;
    } else {
      console.log(`${name} is up to date with ${schemaDir}`);
    }
  } else {
    writeFileSync(file, ts);
    console.log(`wrote ${file}`);
  }
}
if (stale) process.exit(1);
