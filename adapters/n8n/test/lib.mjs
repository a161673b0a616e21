// Helpers of the n8n tests: processes (all recorded and ended), the simulator, a slow proxy,
// n8n CLI calls, the REST session, free ports, PASS/FAIL lines with timings.
import { spawn, execFile } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as netServer } from 'node:net';
import { createWriteStream, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const now = () => performance.now();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

// ---------------------------------------------------------------- results

export const results = [];
/** Runs one check: prints `PASS name (time) detail` or `FAIL name (time): reason`. */
export async function check(name, fn) {
  const t = now();
  let ok = false;
  let detail = '';
  try {
    const r = await fn();
    ok = r?.ok !== false;
    detail = r?.detail ?? (typeof r === 'string' ? r : '');
  } catch (e) {
    detail = e?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(e);
  }
  const ms = now() - t;
  results.push({ name, ok, ms, detail });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name} (${secs(ms)})${detail ? (ok ? ' — ' : ': ') + detail : ''}`);
  return ok;
}
export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// ---------------------------------------------------------------- processes

const children = new Set();
/** A long-running child in its own process group; stdout/stderr to files. */
export function start(cmd, args, { env, log, cwd } = {}) {
  const out = createWriteStream(log);
  const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  children.add(child);
  child.on('exit', () => children.delete(child));
  child.log = log;
  return child;
}
export async function stop(child, signal = 'SIGTERM', graceMs = 15000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, signal); } catch { /* gone */ }
  const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, graceMs);
  await exited;
  clearTimeout(t);
}
export async function stopAll() {
  await Promise.all([...children].map((c) => stop(c)));
}
/** A command to completion: {code, stdout, stderr, ms}. */
export function run(cmd, args, { env, timeoutMs = 300000, cwd } = {}) {
  const t = now();
  return new Promise((resolve) => {
    execFile(cmd, args, { env, cwd, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr, ms: now() - t });
    });
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = netServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

export async function waitFor(fn, { timeoutMs = 60000, everyMs = 250, what = 'condition' } = {}) {
  const until = now() + timeoutMs;
  for (;;) {
    try { const v = await fn(); if (v) return v; } catch { /* not yet */ }
    if (now() > until) throw new Error(`timed out after ${secs(timeoutMs)} waiting for ${what}`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------- simulator and proxy

export async function startSimulator(hostTest, dir) {
  const log = join(dir, 'simulator.log');
  const child = start(hostTest, ['simulator', '--port', '0'], { log, env: { PATH: process.env.PATH } });
  const url = await waitFor(() => {
    const m = existsSync(log) && /^(https?:\/\/\S+)$/m.exec(readFileSync(log, 'utf8'));
    return m && m[1];
  }, { timeoutMs: 30000, what: 'the simulator URL' });
  return { child, url };
}

/**
 * A reverse proxy to `target` that delays answers of paths matching `slow` by `delayMs`, and keeps
 * the figures of OAuth2 tokens: POSTs to `tokenPath` (each a mint), the access tokens they issued,
 * API requests per token (by label #1, #2…: a token itself is kept in memory only, never printed)
 * and 401s. `revoke()` makes every token issued so far invalid: a request carrying one is forwarded
 * with a bearer the simulator does not know, so the simulator's own 401 comes back.
 */
export async function startSlowProxy(target, { slow = /^\/v2\/mailboxes/, delayMs = 1500, tokenPath = '/v2/oauth2/token' } = {}) {
  const t = new URL(target);
  const labels = new Map(); // token → #n
  const issued = new Set(); // tokens the token endpoint gave out through this proxy
  const revoked = new Set();
  const figures = { tokenPosts: 0, tokenStatuses: [], byToken: {}, unauthorized: 0, revokedSent: 0 };
  const label = (token) => {
    if (!labels.has(token)) labels.set(token, `#${labels.size + 1}`);
    return labels.get(token);
  };
  const server = createServer((req, res) => {
    const isMint = req.method === 'POST' && req.url.split('?')[0] === tokenPath;
    const headers = { ...req.headers, host: t.host };
    const bearer = /^bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer && !isMint) {
      const l = revoked.has(bearer) ? `${label(bearer)} (revoked)` : label(bearer);
      figures.byToken[l] = (figures.byToken[l] ?? 0) + 1;
      if (revoked.has(bearer)) { headers.authorization = 'Bearer revoked-by-the-test-proxy'; figures.revokedSent++; }
    }
    if (isMint) figures.tokenPosts++;
    const forward = () => {
      const up = httpRequest({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers }, (r) => {
        if (r.statusCode === 401) figures.unauthorized++;
        if (!isMint) { res.writeHead(r.statusCode, r.headers); r.pipe(res); return; }
        // A token answer: note the token it issued, then pass it on unchanged.
        const chunks = [];
        r.on('data', (c) => chunks.push(c));
        r.on('end', () => {
          const body = Buffer.concat(chunks);
          figures.tokenStatuses.push(r.statusCode);
          try { const tok = JSON.parse(body.toString('utf8')).access_token; if (tok) { issued.add(tok); label(tok); } } catch { /* not JSON */ }
          res.writeHead(r.statusCode, r.headers);
          res.end(body);
        });
      });
      up.on('error', () => { res.writeHead(502); res.end(); });
      req.pipe(up);
    };
    if (slow.test(req.url)) setTimeout(forward, delayMs); else forward();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    server,
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
    /** A copy of the figures (labels only, no token). */
    figures: () => JSON.parse(JSON.stringify({ ...figures, tokensIssued: issued.size })),
    revoke: () => { for (const tok of issued) revoked.add(tok); return revoked.size; },
    /** The tokens issued, for the secret scan only (never print them). */
    tokens: () => [...issued],
  };
}

// ---------------------------------------------------------------- n8n

/** The JSON document `n8n execute --rawOutput` prints after its log lines. */
export function rawOutput(stdout) {
  const i = stdout.search(/^\{/m);
  if (i < 0) return null;
  // The document ends where its braces balance (n8n may print more after it).
  let depth = 0, inStr = false, esc = false;
  for (let k = i; k < stdout.length; k++) {
    const ch = stdout[k];
    if (inStr) { if (esc) esc = false; else if (ch === '\\') esc = true; else if (ch === '"') inStr = false; continue; }
    if (ch === '"') inStr = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      try { return JSON.parse(stdout.slice(i, k + 1)); } catch { return null; }
    }
  }
  return null;
}

/** A REST session with n8n (owner set up, cookie kept). */
export class Rest {
  constructor(base) { this.base = base; this.cookie = ''; }
  async req(method, path, body, { raw = false } = {}) {
    const res = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json', 'browser-id': 'n8n-test-browser', cookie: this.cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie?.() ?? [];
    const auth = set.find((c) => c.startsWith('n8n-auth='));
    if (auth) this.cookie = auth.split(';')[0];
    const text = await res.text();
    if (raw) return { status: res.status, text };
    let json;
    try { json = JSON.parse(text); } catch { json = text; }
    if (!res.ok) { const e = new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`); e.status = res.status; e.body = json; throw e; }
    return json;
  }
  async setupOwner() {
    const owner = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd-n8n-test' };
    try { await this.req('POST', '/rest/owner/setup', owner); } catch { /* already set up */ }
    await this.req('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password }).catch(async () =>
      this.req('POST', '/rest/login', { email: owner.email, password: owner.password }));
  }
}

export function writeJson(file, value) {
  writeFileSync(file, JSON.stringify(value, null, 1));
  return file;
}
