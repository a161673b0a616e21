#!/usr/bin/env node
// n8n queue mode with the Help Scout node: Redis and PostgreSQL (Debian's packages) started
// privately on loopback ports, a main `n8n start` and two `n8n worker` processes, 12+ executions
// enqueued through a webhook, one worker killed (SIGKILL) while it runs one, and the figures:
// executions per worker, their final states, executions lost (must be 0).
//
//   node queue.mjs --n8n-dir DIR --host-test BIN --tgz FILE --work DIR [--executions N]
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  assert, check, freePort, now, results, run, secs, sleep, start, startSimulator, startSlowProxy,
  stop, stopAll, waitFor, writeJson,
} from './lib.mjs';
import * as W from './workflows.mjs';

const argv = process.argv.slice(2);
const arg = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };
const n8nDir = resolve(arg('--n8n-dir'));
const hostTest = resolve(arg('--host-test'));
const tgz = resolve(arg('--tgz'));
const work = resolve(arg('--work'));
const total = Number(arg('--executions', '16'));
const n8nBin = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
const DEMO = { token: 'demo-access-token', clientSecret: 'demo-client-secret' };
const started = now();
const phases = [];
const phase = async (name, fn) => { const t = now(); const r = await fn(); phases.push(`${name} ${secs(now() - t)}`); return r; };

const pgBin = (() => {
  const root = '/usr/lib/postgresql';
  const v = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : null;
  if (!v) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  return join(root, v, 'bin');
})();
// PostgreSQL refuses to run as root: its data directory belongs to the postgres user, under /tmp.
const pgData = mkdtempSync('/tmp/n8n-queue-pg-');
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  await stopAll();
  rmSync(pgData, { recursive: true, force: true });
}
process.on('SIGINT', async () => { await cleanup(); process.exit(130); });
process.on('SIGTERM', async () => { await cleanup(); process.exit(143); });

rmSync(work, { recursive: true, force: true });
const home = join(work, 'home');
const logs = join(work, 'logs');
mkdirSync(join(home, '.n8n', 'nodes'), { recursive: true });
mkdirSync(logs, { recursive: true });

try {
  await main();
} finally {
  await cleanup();
}
const passed = results.filter((r) => r.ok).length;
console.log(`phases: ${phases.join(', ')}; total ${secs(now() - started)}`);
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(results.length - passed ? 1 : 0);

async function main() {
  await phase('install node', async () => {
    const dir = join(home, '.n8n', 'nodes');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
    const r = await run('npm', ['install', '--no-audit', '--no-fund', '--legacy-peer-deps', tgz], { cwd: dir, env: { ...process.env } });
    assert(r.code === 0, `npm install failed: ${r.stderr.slice(-400)}`);
  });
  const sim = await startSimulator(hostTest, logs);
  const proxy = await startSlowProxy(sim.url, { delayMs: 2000 });

  // Redis and PostgreSQL, private, on loopback ports.
  const redisPort = await freePort();
  const pgPort = await freePort();
  await phase('redis+postgres', async () => {
    start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { log: join(logs, 'redis.log') });
    await run('chown', ['postgres:postgres', pgData]);
    chmodSync(pgData, 0o700);
    const init = await run('runuser', ['-u', 'postgres', '--', join(pgBin, 'initdb'), '-D', join(pgData, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync'], {});
    assert(init.code === 0, `initdb: ${init.stderr}`);
    start('runuser', ['-u', 'postgres', '--', join(pgBin, 'postgres'), '-D', join(pgData, 'data'), '-p', String(pgPort),
      '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${pgData}`, '-c', 'fsync=off'], { log: join(logs, 'postgres.log') });
    await waitFor(async () => (await run('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-c', 'select 1'], {})).code === 0, { timeoutMs: 30000, what: 'PostgreSQL' });
    const sql = await run('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-c', "create user n8n password 'n8n'", '-c', 'create database n8n owner n8n'], {});
    assert(sql.code === 0, `psql: ${sql.stderr}`);
    await waitFor(async () => (await run('redis-cli', ['-p', String(redisPort), 'ping'], {})).stdout.includes('PONG'), { timeoutMs: 15000, what: 'Redis' });
  });
  const psql = (q) => run('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'n8n', '-d', 'n8n', '-At', '-F', '|', '-c', q], { env: { PATH: process.env.PATH, PGPASSWORD: 'n8n' } });

  const env = {
    PATH: process.env.PATH, HOME: home, N8N_USER_FOLDER: home,
    N8N_ENCRYPTION_KEY: 'n8n-queue-encryption-key-0123456789',
    N8N_DIAGNOSTICS_ENABLED: 'false', N8N_VERSION_NOTIFICATIONS_ENABLED: 'false', N8N_TEMPLATES_ENABLED: 'false',
    N8N_SECURE_COOKIE: 'false', N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'json',
    DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(pgPort),
    DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'n8n', DB_POSTGRESDB_PASSWORD: 'n8n',
    EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redisPort),
    // A killed worker's job is declared stalled after ~11 s instead of ~81 s.
    QUEUE_WORKER_LOCK_DURATION: '10000', QUEUE_WORKER_LOCK_RENEW_TIME: '2000', QUEUE_WORKER_STALLED_INTERVAL: '5000',
    OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
  };
  const cli = (args) => run(process.execPath, [n8nBin, ...args], { env: { ...env, N8N_RUNNERS_BROKER_PORT: '0' }, timeoutMs: 240000 });

  const workflow = {
    id: 'wfQueueRun000001', name: 'queue run', active: false, settings: { executionOrder: 'v1' },
    connections: { Hook: { main: [[{ node: 'list mailboxes (slow)', type: 'main', index: 0 }]] } },
    nodes: [
      { id: 'q-hook', name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '6f1c2d3e-0000-4000-8000-00000000b001',
        parameters: { httpMethod: 'POST', path: 'queue-run', responseMode: 'onReceived', options: {} } },
      { id: 'q-list', name: 'list mailboxes (slow)', type: W.NODE, typeVersion: 1, position: [220, 0],
        // App ID and secret (n8n's client-credentials grant) through the slow, counting proxy: one
        // token minted and stored in PostgreSQL serves both workers.
        parameters: { authentication: W.authOf(W.CRED.client), resource: 'mailbox', operation: 'list-mailboxes', splitItems: false },
        credentials: W.credRef(W.CRED.client) },
    ],
  };
  await phase('import+publish', async () => {
    const creds = writeJson(join(work, 'credentials.json'), W.credentials({ sim: sim.url, proxy: proxy.url, tokens: proxy.url, token: DEMO.token, clientId: 'demo-client-id', clientSecret: DEMO.clientSecret }));
    const r1 = await cli(['import:credentials', `--input=${creds}`]);
    unlinkSync(creds);
    assert(r1.code === 0, `import:credentials: ${r1.stderr.slice(-400)}`);
    const wf = writeJson(join(work, 'queue-workflow.json'), workflow);
    const r2 = await cli(['import:workflow', `--input=${wf}`]);
    assert(r2.code === 0, `import:workflow: ${r2.stderr.slice(-400)}`);
    const r3 = await cli(['publish:workflow', `--id=${workflow.id}`]);
    assert(r3.code === 0, `publish:workflow: ${r3.stderr.slice(-400)}`);
  });

  const mainPort = await freePort();
  const base = `http://127.0.0.1:${mainPort}`;
  const workers = [];
  let mainProc;
  const startWorker = async (name) => {
    const hp = await freePort();
    const w = start(process.execPath, [n8nBin, 'worker', '--concurrency=1'], {
      env: { ...env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(hp), N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
      log: join(logs, `${name}.log`),
    });
    w.name = name;
    w.healthPort = hp;
    workers.push(w);
    return w;
  };
  const ok = await check('queue mode: main and two workers ready', async () => {
    const t = now();
    mainProc = start(process.execPath, [n8nBin, 'start'], { env: { ...env, N8N_PORT: String(mainPort), N8N_LISTEN_ADDRESS: '127.0.0.1', WEBHOOK_URL: `${base}/`, N8N_RUNNERS_BROKER_PORT: String(await freePort()) }, log: join(logs, 'main.log') });
    await waitFor(async () => (await fetch(`${base}/healthz/readiness`)).ok, { timeoutMs: 120000, what: 'main readiness' });
    for (const name of ['worker-a', 'worker-b']) await startWorker(name);
    for (const w of workers) await waitFor(async () => (await fetch(`http://127.0.0.1:${w.healthPort}/healthz/readiness`)).ok, { timeoutMs: 120000, what: `${w.name} readiness` });
    return `in ${secs(now() - t)} (main :${mainPort}, workers with concurrency 1)`;
  });
  if (!ok) return;

  const figures = {};
  await check(`queue mode: ${total} executions over two workers, one worker SIGKILLed mid-run, none lost`, async () => {
    const t = now();
    const answers = [];
    const enqueue = async (i) => {
      const r = await fetch(`${base}/webhook/queue-run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ i }) });
      answers.push(r.status);
    };
    const doneCount = async () => Number((await psql(`select count(*) from execution_entity where "workflowId" = '${workflow.id}' and status in ('success','error','crashed','canceled')`)).stdout.trim());
    // The first execution alone: the credential has no token yet, its worker has n8n mint one and
    // store it in PostgreSQL. Then the rest at once, over both workers.
    await enqueue(0);
    await waitFor(async () => (await doneCount()) >= 1, { timeoutMs: 60000, everyMs: 250, what: 'the first execution' });
    const mintsFirst = proxy.figures().tokenPosts;
    const t1 = now();
    for (let i = 1; i < total; i++) await enqueue(i);
    assert(answers.every((s) => s === 200), `webhook answers ${answers.join(',')}`);
    const enqueueMs = now() - t1;
    // Kill worker A while it runs an execution (its log says it started one that has not finished).
    const started = (w) => [...readFileSync(w.log, 'utf8').matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
    const finished = (w) => [...readFileSync(w.log, 'utf8').matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]);
    const victim = workers[0];
    await waitFor(() => started(victim).length >= Math.ceil(total / 4) && started(victim).length > finished(victim).length, { timeoutMs: 60000, everyMs: 100, what: 'worker A mid-execution' });
    const inFlight = started(victim).filter((id) => !finished(victim).includes(id));
    await stop(victim, 'SIGKILL', 1000);
    const killedAt = now() - t;
    // Every execution reaches a final state: success, or error for the one the killed worker held.
    const states = async () => {
      const r = await psql(`select status, count(*) from execution_entity where "workflowId" = '${workflow.id}' group by status order by status`);
      return Object.fromEntries(r.stdout.trim().split('\n').filter(Boolean).map((l) => l.split('|')).map(([s, c]) => [s, Number(c)]));
    };
    const final = await waitFor(async () => {
      const s = await states();
      const done = (s.success ?? 0) + (s.error ?? 0) + (s.crashed ?? 0) + (s.canceled ?? 0);
      return done >= total && s;
    }, { timeoutMs: 180000, everyMs: 1000, what: 'every execution to finish' });
    const allMs = now() - t;
    const count = Object.values(final).reduce((a, b) => a + b, 0);
    const byWorker = Object.fromEntries(workers.map((w) => [w.name, started(w).length]));
    const finishedBy = Object.fromEntries(workers.map((w) => [w.name, finished(w).length]));
    const lost = total - count;
    const tok = proxy.figures();
    Object.assign(figures, { total, count, final, byWorker, finishedBy, inFlight, lost, enqueueMs, killedAt, allMs, tok });
    assert(lost === 0, `${lost} executions lost (${count} rows for ${total} enqueued)`);
    assert(byWorker['worker-a'] > 0 && byWorker['worker-b'] > 0, `one worker ran nothing: ${JSON.stringify(byWorker)}`);
    assert((final.success ?? 0) >= total - inFlight.length, `successes ${final.success} < ${total - inFlight.length}`);
    assert(mintsFirst === 1 && tok.tokenPosts === 1, `token POSTs: ${mintsFirst} for the first execution, ${tok.tokenPosts} in all`);
    assert(Object.keys(tok.byToken).join() === '#1', `API requests by token ${JSON.stringify(tok.byToken)}`);
    return `first execution alone (1 token POST), then ${total - 1} enqueued in ${secs(enqueueMs)}; started per worker ${JSON.stringify(byWorker)}, finished ${JSON.stringify(finishedBy)}; worker-a SIGKILLed at ${secs(killedAt)} holding execution ${inFlight.join(',')}; ` +
      `final ${JSON.stringify(final)} after ${secs(allMs)}; lost ${lost}; token POSTs ${tok.tokenPosts}, API requests by token ${JSON.stringify(tok.byToken)}`;
  });

  await check('queue mode: a revoked token → n8n mints once more, stored for both workers', async () => {
    // A third worker replaces the killed one (a new process: it finds the stored token), then the
    // stored token stops working (revoked at the proxy) while executions run on both workers.
    const w = await startWorker('worker-c');
    await waitFor(async () => (await fetch(`http://127.0.0.1:${w.healthPort}/healthz/readiness`)).ok, { timeoutMs: 120000, what: 'worker-c readiness' });
    const ran = (name) => [...readFileSync(workers.find((x) => x.name === name).log, 'utf8').matchAll(/Worker started execution (\d+)/g)].length;
    const ranBefore = { b: ran('worker-b'), c: ran('worker-c') };
    const before = proxy.figures();
    const rows = async () => Object.fromEntries((await psql(`select status, count(*) from execution_entity where "workflowId" = '${workflow.id}' group by status`)).stdout.trim().split('\n').filter(Boolean).map((l) => l.split('|')).map(([st, c]) => [st, Number(c)]));
    const r0 = await rows();
    const n0 = Object.values(r0).reduce((a, b) => a + b, 0);
    proxy.revoke();
    const more = 4;
    for (let i = 0; i < more; i++) {
      const r = await fetch(`${base}/webhook/queue-run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ after: i }) });
      assert(r.status === 200, `webhook answered ${r.status}`);
    }
    const r1 = await waitFor(async () => { const r = await rows(); return (r.success ?? 0) + (r.error ?? 0) + (r.crashed ?? 0) + (r.canceled ?? 0) >= n0 + more && r; }, { timeoutMs: 120000, everyMs: 500, what: 'the executions after the revocation' });
    const after = proxy.figures();
    const mints = after.tokenPosts - before.tokenPosts;
    const newSuccess = (r1.success ?? 0) - (r0.success ?? 0);
    figures.revoke = { mints, unauthorized: after.unauthorized - before.unauthorized, byToken: after.byToken };
    assert(newSuccess === more, `${newSuccess} of ${more} succeeded: ${JSON.stringify(r1)}`);
    // Both workers may meet the 401 at once: n8n serializes the renewal (a Redis lock) and the node
    // takes a token another process stored; 1 mint expected, 2 tolerated (a read between the two).
    assert(mints >= 1 && mints <= 2, `${mints} mints after the revocation`);
    return `${more} executions after the revocation (worker-b ${ran('worker-b') - ranBefore.b}, worker-c ${ran('worker-c') - ranBefore.c}): ${after.unauthorized - before.unauthorized} × 401, ${mints} mint${mints === 1 ? '' : 's'}; ` +
      `token POSTs ${after.tokenPosts} in all; API requests by token ${JSON.stringify(after.byToken)}`;
  });

  await check('queue mode: node output identical on both workers', async () => {
    const r = await psql(`select d.data from execution_data d join execution_entity e on e.id = d."executionId" where e."workflowId" = '${workflow.id}' and e.status = 'success' limit 50`);
    const outs = new Set(r.stdout.split('\n').filter(Boolean).map((line) => {
      const m = /"id":1001[^]*?"id":1003/.exec(line);
      return m ? 'mailboxes 1001..1003' : 'other';
    }));
    assert(outs.size === 1 && outs.has('mailboxes 1001..1003'), `outputs differ: ${[...outs].join(', ')}`);
    return 'every successful execution listed mailboxes 1001..1003';
  });
  await check('queue mode: memory of each process', async () => {
    const rss = async (pid) => {
      const r = await run('ps', ['-o', 'rss=', '--ppid', String(pid), '-p', String(pid)], {});
      return r.stdout.trim().split('\n').filter(Boolean).reduce((a, b) => a + Number(b), 0) / 1024;
    };
    // runuser-style wrappers aside, n8n processes are the direct children.
    const m = await rss(mainProc.pid);
    const w = await rss(workers[1].pid);
    return `RSS main ${Math.round(m)} MiB, surviving worker ${Math.round(w)} MiB (with their task-runner children)`;
  });
  await check('queue mode: no secret in any log', async () => {
    const files = readdirSync(logs).filter((f) => f !== 'simulator.log').map((f) => join(logs, f));
    const secrets = [DEMO.clientSecret, DEMO.token, ...proxy.tokens()];
    const bad = files.filter((f) => { const text = readFileSync(f, 'utf8'); return secrets.some((x) => text.includes(x)); });
    assert(!bad.length, `a secret appears in ${bad.join(', ')}`);
    return `${files.length} logs scanned for the client secret, the demo token and ${proxy.tokens().length} minted tokens`;
  });
  void sleep;
}
