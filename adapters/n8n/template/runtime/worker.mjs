// The component's side of the sandbox: runs inside a worker_threads worker started by host.js.
//
// jco's preview2-shim makes wasi:http synchronous with Atomics.wait, so a component call blocks the
// thread it runs on: here, never n8n's. Per call: a fresh instance (the component keeps nothing
// between calls), an allow-list on every outgoing request (authority and scheme, as host-test's
// outgoing hook), no environment, arguments or files. The core modules are compiled once per worker
// with a maximum on the component's linear memory (patched into the memory section: jco has no
// setting for it), so a runaway allocation traps instead of growing without bound.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as shim from '@bytecodealliance/preview2-shim';

const { componentDir, memoryPages } = workerData;
const { instantiate } = await import(pathToFileURL(join(componentDir, 'connector.js')).href);

/** Sets (or lowers) the maximum of every memory a core module defines. */
function capMemories(bytes, maxPages) {
  const b = Buffer.from(bytes);
  let p = 8;
  const readLeb = () => {
    let r = 0n, s = 0n, x;
    do { x = b[p++]; r |= BigInt(x & 0x7f) << s; s += 7n; } while (x & 0x80);
    return r;
  };
  const leb = (n) => {
    const out = [];
    let v = BigInt(n);
    do { let byte = Number(v & 0x7fn); v >>= 7n; if (v) byte |= 0x80; out.push(byte); } while (v);
    return Buffer.from(out);
  };
  const parts = [b.subarray(0, 8)];
  while (p < b.length) {
    const start = p;
    const id = b[p++];
    const size = Number(readLeb());
    const bodyStart = p;
    const end = bodyStart + size;
    if (id !== 5) { parts.push(b.subarray(start, end)); p = end; continue; }
    const count = Number(readLeb());
    const mems = [leb(count)];
    for (let i = 0; i < count; i++) {
      const flags = b[p++];
      if (flags & 0x04) throw new Error('memory64 is not supported');
      const min = readLeb();
      const max = flags & 0x01 ? readLeb() : null;
      let cap = BigInt(maxPages);
      if (max !== null && max < cap) cap = max;
      if (cap < min) cap = min;
      mems.push(Buffer.from([flags | 0x01]), leb(min), leb(cap));
    }
    const body = Buffer.concat(mems);
    parts.push(Buffer.from([5]), leb(body.length), body);
    p = end;
  }
  return Buffer.concat(parts);
}

const modules = new Map();
for (const name of workerData.coreModules) {
  const bytes = capMemories(readFileSync(join(componentDir, name)), memoryPages);
  modules.set(name, new WebAssembly.Module(bytes));
}

// The allow-list of the current call: authorities ("host:port") the component may reach.
let allowed = new Set();
const defaultPort = (scheme) => (scheme === 'https' ? '443' : '80');
const loopback = (host) => host === 'localhost' || host === '[::1]' || /^127\./.test(host);

const outgoingHandler = {
  handle(request, options) {
    const s = request.scheme();
    const scheme = !s ? 'https' : s.tag === 'HTTPS' ? 'https' : s.tag === 'HTTP' ? 'http' : String(s.val).toLowerCase();
    const authority = (request.authority() ?? '').toLowerCase();
    const [host, port] = authority.split(':');
    const key = `${host}:${port || defaultPort(scheme)}`;
    // Anything not on the list, and plain HTTP except on loopback, is refused before a byte is sent:
    // the component reports `denied` and does not retry.
    if (!allowed.has(key) || (scheme !== 'https' && !(scheme === 'http' && loopback(host)))) {
      parentPort.postMessage({ denied: `${scheme}://${key}` });
      throw { tag: 'HTTP-request-denied' };
    }
    return shim.http.outgoingHandler.handle(request, options);
  },
};

// No environment, arguments or working directory: n8n's environment holds its encryption key.
const environment = {
  getEnvironment: () => [],
  getArguments: () => [],
  initialCwd: () => undefined,
};

const imports = {
  'wasi:cli/environment': environment,
  'wasi:cli/exit': shim.cli.exit,
  'wasi:cli/stderr': shim.cli.stderr,
  'wasi:cli/stdin': shim.cli.stdin,
  'wasi:cli/stdout': shim.cli.stdout,
  'wasi:cli/terminal-input': shim.cli.terminalInput,
  'wasi:cli/terminal-output': shim.cli.terminalOutput,
  'wasi:cli/terminal-stderr': shim.cli.terminalStderr,
  'wasi:cli/terminal-stdin': shim.cli.terminalStdin,
  'wasi:cli/terminal-stdout': shim.cli.terminalStdout,
  'wasi:clocks/monotonic-clock': shim.clocks.monotonicClock,
  'wasi:clocks/wall-clock': shim.clocks.wallClock,
  'wasi:http/outgoing-handler': outgoingHandler,
  'wasi:http/types': shim.http.types,
  'wasi:io/error': shim.io.error,
  'wasi:io/poll': shim.io.poll,
  'wasi:io/streams': shim.io.streams,
  'wasi:random/insecure-seed': shim.random.insecureSeed,
  'wasi:random/random': shim.random.random,
};

/** A fresh instance of the component (its own linear memory). */
function fresh() {
  return instantiate((name) => modules.get(name), imports);
}

/** Whether the linear memory refuses to grow past the cap (a check of the patched maximum). */
function probeMemoryCap() {
  const memories = [];
  instantiate((name) => modules.get(name), imports, (module, importObject) => {
    const inst = new WebAssembly.Instance(module, importObject);
    for (const v of Object.values(inst.exports)) if (v instanceof WebAssembly.Memory) memories.push(v);
    return inst;
  });
  const mem = memories[0];
  const pages = mem.buffer.byteLength / 65536;
  let capped = false;
  try { mem.grow(memoryPages - pages + 1); } catch { capped = true; }
  return { capped, maxMb: (memoryPages * 65536) / 1048576, pagesAtStart: pages };
}

const calls = {
  probeMemoryCap: () => probeMemoryCap(),
  describe: (c) => c.catalog.describe(),
  authDescribe: (c) => c.auth.describe(),
  invoke: (c, conn, name, input) => c.catalog.invoke(conn, name, input),
  options: (c, conn, name, field, input) => c.catalog.options(conn, name, field, input),
  verifyWebhook: (c, delivery) => c.triggers.verifyWebhook(delivery),
  token: (c, request) => c.auth.token(request),
  authorizationUrl: (c, request) => c.auth.authorizationUrl(request),
};

parentPort.on('message', (msg) => {
  const { id, method, args, allow } = msg;
  allowed = new Set((allow ?? []).map((a) => a.toLowerCase()));
  let reply;
  try {
    const fn = calls[method];
    if (!fn) throw new Error(`unknown method ${method}`);
    if (method === 'verifyWebhook') args[0].body = new Uint8Array(args[0].body);
    reply = { id, ok: true, value: method === 'probeMemoryCap' ? fn() : fn(fresh(), ...args) };
  } catch (e) {
    if (e && typeof e === 'object' && 'payload' in e) {
      // The component's typed error (a WIT `result` thrown by jco as ComponentError).
      reply = { id, ok: false, componentError: e.payload };
    } else {
      // A trap (unreachable, out of memory, stack overflow) or a host failure.
      reply = { id, ok: false, trap: String(e?.message ?? e) };
    }
  } finally {
    allowed = new Set();
  }
  parentPort.postMessage(reply);
});
parentPort.postMessage({ ready: true });
