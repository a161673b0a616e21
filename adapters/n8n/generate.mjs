#!/usr/bin/env node
// Generates the n8n community package `n8n-nodes-helpscout` from the component itself.
//
//   node adapters/n8n/generate.mjs --component FILE.wasm --tools DIR --out DIR [--pack]
//
// --tools: a directory whose node_modules holds @bytecodealliance/jco and preview2-shim (the pinned
// adapters/n8n/install/tools, installed by scripts/n8n-test into target/n8n/tools).
// The component is transpiled with jco (instantiation mode: the package supplies the WASI imports,
// see template/runtime/worker.mjs), then asked for catalog.describe(), auth.describe() and the
// choices of its static option fields (catalog.options needs no credentials for those) through the
// same worker runtime the package uses. Everything the nodes show is built from those answers;
// template/ holds the generic code that reads them. Nothing is written into the source tree.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './lib/describe.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function args() {
  const a = { pack: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--pack') a.pack = true;
    else if (k === '--component') a.component = argv[++i];
    else if (k === '--tools') a.tools = argv[++i];
    else if (k === '--out') a.out = argv[++i];
    else { console.error(`generate: unknown argument ${k}`); process.exit(2); }
  }
  if (!a.component || !a.tools || !a.out) {
    console.error('usage: generate.mjs --component FILE.wasm --tools DIR --out DIR [--pack]');
    process.exit(2);
  }
  return { ...a, component: resolve(a.component), tools: resolve(a.tools), out: resolve(a.out) };
}

/** The component's own registry metadata (custom sections `version`, `description`, …). */
function componentMetadata(bytes) {
  const meta = {};
  let p = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = bytes[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  while (p < bytes.length) {
    const id = bytes[p++];
    const len = leb();
    const start = p;
    if (id === 0) {
      const nl = leb();
      const name = bytes.subarray(p, p + nl).toString('utf8');
      if (['version', 'description', 'licenses', 'source', 'homepage'].includes(name)) {
        meta[name] = bytes.subarray(p + nl, start + len).toString('utf8');
      }
    }
    p = start + len;
  }
  return meta;
}

const opts = args();
const started = Date.now();
const pkgDir = opts.out;
// Resolved by path: jco's and the shim's `exports` do not list package.json.
const findPkg = (name, from) => {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', ...name.split('/'));
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} not found from ${from}`);
  }
};
const jcoDir = findPkg('@bytecodealliance/jco', opts.tools);
const jcoBin = join(jcoDir, JSON.parse(readFileSync(join(jcoDir, 'package.json'), 'utf8')).bin.jco);
const shimDir = findPkg('@bytecodealliance/preview2-shim', opts.tools);
const nodeFsDir = findPkg('@bytecodealliance/jco-node-fs', shimDir);

rmSync(pkgDir, { recursive: true, force: true });
mkdirSync(pkgDir, { recursive: true });

// 1. The component, and jco's transpilation of it (core modules + instantiation glue).
const wasm = readFileSync(opts.component);
const meta = componentMetadata(wasm);
const componentDir = join(pkgDir, 'dist', 'component');
mkdirSync(componentDir, { recursive: true });
writeFileSync(join(componentDir, 'helpscout_connector.wasm'), wasm);
execFileSync(process.execPath, [jcoBin, 'transpile', opts.component, '-o', componentDir, '--name', 'connector',
  '--instantiation', 'sync', '--no-typescript', '--quiet'], { stdio: ['ignore', 'inherit', 'inherit'] });
// The glue is an ES module; the package's own files are CommonJS (n8n `require`s nodes).
writeFileSync(join(componentDir, 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
const coreModules = readdirSync(componentDir).filter((f) => /^connector\.core\d*\.wasm$/.test(f)).sort();
writeFileSync(join(componentDir, 'manifest.json'), JSON.stringify({
  component: 'helpscout_connector.wasm',
  sha256: createHash('sha256').update(wasm).digest('hex'),
  version: meta.version ?? '0.0.0',
  coreModules,
}, null, 2) + '\n');

// 2. The generic runtime and node code; preview2-shim bundled (installs offline, no peer lookup).
cpSync(join(here, 'template'), join(pkgDir, 'dist'), { recursive: true });
cpSync(shimDir, join(pkgDir, 'node_modules', '@bytecodealliance', 'preview2-shim'), { recursive: true });
cpSync(nodeFsDir, join(pkgDir, 'node_modules', '@bytecodealliance', 'jco-node-fs'), { recursive: true });

// 3. Ask the component (through the package's own runtime) what it is.
const require = createRequire(import.meta.url);
const host = require(join(pkgDir, 'dist', 'runtime', 'host.js'));
const describe = (await host.call('describe', [])).value;
const auth = (await host.call('authDescribe', [])).value;
// Choices of static option fields (statuses, events) are the schema's `enum`. WORKAROUND for builds
// whose schema has none: catalog.options, computed without credentials or requests (the allow-list
// is empty, so a source that needed the network would be refused, not reached).
const staticOptions = {};
const offline = { baseUrl: auth.defaultBaseUrl, credentials: { tag: 'access-token', val: 'no-token-needed' } };
const hasEnum = (d, field) => {
  const p = JSON.parse(d.inputSchema).properties?.[field] ?? {};
  const items = p.items ?? {};
  return [p, items, ...(p.anyOf ?? []), ...(items.anyOf ?? [])].some((x) => Array.isArray(x?.enum) && x.enum.some((v) => v !== null));
};
for (const d of describe) {
  for (const f of d.optionFields.filter((f) => !f.fetched && !hasEnum(d, f.field))) {
    const inv = (await host.call('options', [offline, d.name, f.field, '{}'])).value;
    if (inv.outcome.tag !== 'ok') throw new Error(`options ${d.name}.${f.field}: ${JSON.stringify(inv.outcome.val)}`);
    staticOptions[`${d.name}.${f.field}`] = JSON.parse(inv.outcome.val).items;
  }
}
host.shutdown();
const fixedFields = describe.reduce((n, d) => n + d.optionFields.filter((f) => !f.fetched).length, 0);

// 4. Node, trigger and credential descriptions.
const built = buildAll({ describe, auth, staticOptions, version: meta.version ?? '0.0.0' });
for (const [file, value] of Object.entries(built.files)) {
  const target = join(pkgDir, 'dist', file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(value, null, 1) + '\n');
}

// 5. package.json (n8n reads `n8n.nodes` and `n8n.credentials`).
const pkg = {
  name: 'n8n-nodes-helpscout',
  version: meta.version ?? '0.0.0',
  description: `Help Scout for n8n, generated from the helpscout-connector WebAssembly component ${meta.version ?? ''} (runs it through jco in a worker thread).`.replace(/ \(/, ' (').trim(),
  keywords: ['n8n-community-node-package', 'helpscout', 'webassembly', 'wasm-component'],
  license: meta.licenses ?? 'MIT',
  homepage: meta.homepage,
  repository: meta.source ? { type: 'git', url: meta.source } : undefined,
  main: 'dist/index.js',
  files: ['dist', 'node_modules'],
  engines: { node: '>=22.16' },
  n8n: {
    n8nNodesApiVersion: 1,
    strict: false,
    credentials: built.credentialFiles.map((f) => `dist/${f}`),
    nodes: built.nodeFiles.map((f) => `dist/${f}`),
  },
  dependencies: {
    '@bytecodealliance/preview2-shim': JSON.parse(readFileSync(join(shimDir, 'package.json'), 'utf8')).version,
    '@bytecodealliance/jco-node-fs': JSON.parse(readFileSync(join(nodeFsDir, 'package.json'), 'utf8')).version,
  },
  bundleDependencies: ['@bytecodealliance/preview2-shim', '@bytecodealliance/jco-node-fs'],
  peerDependencies: { 'n8n-workflow': '*' },
};
writeFileSync(join(pkgDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(join(pkgDir, 'dist', 'index.js'), "'use strict';\nmodule.exports = {};\n");
writeFileSync(join(pkgDir, 'README.md'), built.readme);

const summary = built.summary;
console.log(`generate: n8n-nodes-helpscout ${pkg.version} from ${opts.component.split('/').pop()} ` +
  `(${summary.actions} operations in ${summary.resources} resources, ${summary.pollable} polling and ` +
  `${summary.triggers} webhook triggers, ${summary.loadOptions} dropdowns and ${summary.resourceMappers} field mappers from catalog.options, ` +
  `${fixedFields} fixed choice lists (${fixedFields - Object.keys(staticOptions).length} from schema enums, ${Object.keys(staticOptions).length} from catalog.options), ` +
  `credential kinds ${auth.kinds.join('/')} in ${summary.credentials} credential types${auth.clientAuthentication ? `, client authentication ${auth.clientAuthentication}` : ''}) in ${Date.now() - started} ms`);

// 6. npm pack.
if (opts.pack) {
  const outDir = dirname(pkgDir);
  const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], { cwd: pkgDir, encoding: 'utf8' }).trim().split('\n').pop();
  const file = join(outDir, tgz);
  if (!existsSync(file)) throw new Error(`npm pack wrote no ${file}`);
  console.log(`pack: ${file}`);
}
