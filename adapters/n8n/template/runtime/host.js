'use strict';
// The n8n side of the sandbox: every component call runs in a worker_threads worker (worker.mjs),
// so jco's synchronous wasi:http (Atomics.wait) never blocks n8n's event loop: the editor,
// webhooks, other executions and, in queue mode, the worker's job-lock renewals keep running.
//
// Per call: a deadline that terminates the worker (a guest stuck in a loop or an upstream that
// never answers), a memory cap (V8 heap through resourceLimits; the component's linear memory
// through a maximum patched into its memory section by the worker), and the allow-list of
// authorities the component may reach (the credential's base URL only; jco enforces none of these).
// Idle workers are kept (unref'd: they never keep a process alive) and reused.
const { Worker } = require('node:worker_threads');
const path = require('node:path');
const fs = require('node:fs');

const COMPONENT_DIR = path.join(__dirname, '..', 'component');
const manifest = JSON.parse(fs.readFileSync(path.join(COMPONENT_DIR, 'manifest.json'), 'utf8'));

const num = (v, d) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
const settings = {
  // Wall-clock per call (host-test: 600 s); N8N_HELPSCOUT_DEADLINE_MS overrides.
  deadlineMs: num(process.env.N8N_HELPSCOUT_DEADLINE_MS, 300_000),
  // The component's linear memory (host-test: 512 MiB) and the worker's V8 heap.
  memoryMb: num(process.env.N8N_HELPSCOUT_MEMORY_MB, 512),
  heapMb: num(process.env.N8N_HELPSCOUT_HEAP_MB, 128),
  maxWorkers: num(process.env.N8N_HELPSCOUT_MAX_WORKERS, 4),
  idleWorkers: num(process.env.N8N_HELPSCOUT_IDLE_WORKERS, 1),
};

class HostError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = 'HostError';
    this.kind = kind; // 'deadline' | 'trap' | 'worker'
  }
}

/** One worker thread with the component compiled in it. */
class Slot {
  constructor() {
    this.worker = new Worker(path.join(__dirname, 'worker.mjs'), {
      workerData: {
        componentDir: COMPONENT_DIR,
        coreModules: manifest.coreModules,
        memoryPages: Math.floor((settings.memoryMb * 1024 * 1024) / 65536),
      },
      resourceLimits: {
        maxOldGenerationSizeMb: settings.heapMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 8,
      },
      // The component reads no environment; the worker gets none of n8n's (its encryption key).
      env: {},
      stdout: false,
      stderr: false,
    });
    this.pending = null;
    this.denied = [];
    this.dead = false;
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.on('message', (m) => {
        if (m.ready) return resolve();
        if (m.denied) return this.denied.push(m.denied);
        const p = this.pending;
        this.pending = null;
        if (p) p.resolve(m);
      });
    });
    this.worker.on('error', (e) => this.fail(new HostError('worker', `component worker failed: ${e.message}`)));
    this.worker.on('exit', (code) => this.fail(new HostError('worker', `component worker exited (${code})`)));
  }

  fail(err) {
    this.dead = true;
    const p = this.pending;
    this.pending = null;
    if (p) p.reject(err);
  }

  async call(msg, deadlineMs) {
    await this.ready;
    this.worker.ref();
    this.denied = [];
    try {
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          this.fail(new HostError('deadline', `the component call exceeded its deadline of ${deadlineMs} ms and was stopped`));
          this.worker.terminate();
        }, deadlineMs);
        this.pending = {
          resolve: (m) => { clearTimeout(timer); resolve(m); },
          reject: (e) => { clearTimeout(timer); reject(e); },
        };
        this.worker.postMessage(msg);
      });
    } finally {
      if (!this.dead) this.worker.unref();
    }
  }
}

const idle = [];
let busy = 0;
const waiting = [];
let nextId = 1;

async function acquire() {
  if (idle.length) { busy++; return idle.pop(); }
  if (busy >= settings.maxWorkers) await new Promise((r) => waiting.push(r));
  if (idle.length) { busy++; return idle.pop(); }
  busy++;
  return new Slot();
}

function release(slot) {
  busy--;
  if (!slot.dead && idle.length < settings.idleWorkers) idle.push(slot);
  else if (!slot.dead) slot.worker.terminate();
  const w = waiting.shift();
  if (w) w();
}

/**
 * Runs `method` of the component in a worker. Resolves with the component's value; rejects with
 * {componentError} (the typed WIT error the function threw) or a HostError.
 * @param {string} method describe | authDescribe | invoke | options | verifyWebhook | token
 * @param {unknown[]} args
 * @param {{allow?: string[], deadlineMs?: number}} opts allow: authorities "host:port"
 */
async function call(method, args, opts = {}) {
  const slot = await acquire();
  try {
    const m = await slot.call({ id: nextId++, method, args, allow: opts.allow ?? [] }, opts.deadlineMs ?? settings.deadlineMs);
    if (m.ok) return { value: m.value, denied: slot.denied.slice() };
    if (m.componentError) {
      const e = new Error('component error');
      e.componentError = m.componentError;
      throw e;
    }
    throw new HostError('trap', `the component trapped: ${m.trap}`);
  } finally {
    release(slot);
  }
}

/** The authority ("host:port") of a base URL, as the allow-list holds it. */
function authorityOf(baseUrl) {
  const u = new URL(baseUrl);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return `${u.hostname.toLowerCase()}:${port}`;
}

/** Ends idle workers (tests; n8n needs nothing: idle workers are unref'd). */
function shutdown() {
  while (idle.length) idle.pop().worker.terminate();
}

module.exports = { call, authorityOf, shutdown, settings, HostError, manifest };
