#!/usr/bin/env node
// The n8n test, headless: installs the packed node into a scratch N8N_USER_FOLDER, imports
// credentials and workflows with n8n's CLI, runs `n8n execute` for every action and the error
// paths, then `n8n start` for what needs a running n8n (REST options endpoint, credential test,
// webhook delivery, polling, the event loop during a slow call). One PASS/FAIL line per check.
//
//   node run.mjs --n8n-dir DIR --host-test BIN --tgz FILE --work DIR
//
// Called by scripts/n8n-test (which installs Node 24 and n8n and generates the package).
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import {
  Rest, assert, check, freePort, now, rawOutput, results, run, secs, sleep, start, startSimulator,
  startSlowProxy, stop, stopAll, waitFor, writeJson,
} from './lib.mjs';
import * as W from './workflows.mjs';

const argv = process.argv.slice(2);
const arg = (k) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : undefined; };
const n8nDir = resolve(arg('--n8n-dir'));
const hostTest = resolve(arg('--host-test'));
const tgz = resolve(arg('--tgz'));
const work = resolve(arg('--work'));
const n8nBin = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
const flatted = createRequire(join(n8nDir, 'node_modules', 'n8n', 'package.json'))('flatted');

const DEMO = { token: 'demo-access-token', clientId: 'demo-client-id', clientSecret: 'demo-client-secret', refreshToken: 'demo-refresh-token' };
const phases = [];
const phase = async (name, fn) => { const t = now(); const r = await fn(); phases.push(`${name} ${secs(now() - t)}`); return r; };
const started = now();

process.on('SIGINT', async () => { await stopAll(); process.exit(130); });
process.on('SIGTERM', async () => { await stopAll(); process.exit(143); });

rmSync(work, { recursive: true, force: true });
const home = join(work, 'home');
const logs = join(work, 'logs');
mkdirSync(join(home, '.n8n', 'nodes'), { recursive: true });
mkdirSync(logs, { recursive: true });

const baseEnv = {
  PATH: process.env.PATH,
  HOME: home,
  N8N_USER_FOLDER: home,
  N8N_ENCRYPTION_KEY: 'n8n-test-encryption-key-0123456789',
  N8N_DIAGNOSTICS_ENABLED: 'false',
  N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
  N8N_TEMPLATES_ENABLED: 'false',
  N8N_PERSONALIZATION_ENABLED: 'false',
  N8N_SECURE_COOKIE: 'false',
  N8N_LOG_LEVEL: 'info',
  N8N_RUNNERS_BROKER_PORT: String(await freePort()),
  N8N_HELPSCOUT_DEADLINE_MS: '60000',
  npm_config_cache: process.env.npm_config_cache ?? '',
};
const cli = (args, extra = {}) => run(process.execPath, [n8nBin, ...args], { env: { ...baseEnv, ...extra }, timeoutMs: 240000 });
/** `host-test run ACTION` against the running simulator (stdin: the input). */
function hostRun(action, input, api) {
  return new Promise((resolveP) => {
    {
      const c = spawn(hostTest, ['run', action, '--input', '-', '--api', api, '--token', DEMO.token], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '', err = '';
      c.stdout.on('data', (d) => { out += d; });
      c.stderr.on('data', (d) => { err += d; });
      c.on('close', (code) => resolveP({ code, out: out ? JSON.parse(out) : null, err }));
      c.stdin.end(JSON.stringify(input));
    }
  });
}

// ---------------------------------------------------------------- setup

const nodesDir = join(home, '.n8n', 'nodes');
await phase('install node', async () => {
  writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
  const r = await run('npm', ['install', '--no-audit', '--no-fund', '--legacy-peer-deps', tgz], { cwd: nodesDir, env: { ...process.env } });
  if (r.code !== 0) { console.error(r.stderr); throw new Error('npm install of the packed node failed'); }
});
const pkgDir = join(nodesDir, 'node_modules', 'n8n-nodes-helpscout');

const sim = await phase('simulator', () => startSimulator(hostTest, logs));
const proxy = await startSlowProxy(sim.url, { delayMs: 1500 });
// The client-credentials credential goes through this one: it counts token POSTs (mints) and API
// requests per token, and revokes tokens on demand.
const tokens = await startSlowProxy(sim.url, { slow: /(?!)/, delayMs: 0 });

await phase('import', async () => {
  const credsFile = writeJson(join(work, 'credentials.json'), W.credentials({ sim: sim.url, proxy: proxy.url, tokens: tokens.url, ...DEMO }));
  const r1 = await cli(['import:credentials', `--input=${credsFile}`]);
  unlinkSync(credsFile); // plain secrets: gone once n8n has encrypted them
  writeFileSync(join(logs, 'import-credentials.log'), r1.stdout + r1.stderr);
  assert(r1.code === 0, `import:credentials failed: ${r1.stderr.slice(-500)}`);
  const wfDir = join(work, 'workflows');
  mkdirSync(wfDir, { recursive: true });
  for (const wf of [W.allActions(), W.errorItem(), W.errorStops(), W.clientCredentials(), W.oauthRefresh(), W.webhookTrigger(), W.pollTrigger(), W.slowCall()]) {
    writeJson(join(wfDir, `${wf.id}.json`), wf);
  }
  const r2 = await cli(['import:workflow', '--separate', `--input=${wfDir}`]);
  writeFileSync(join(logs, 'import-workflows.log'), r2.stdout + r2.stderr);
  assert(r2.code === 0, `import:workflow failed: ${r2.stderr.slice(-500)}`);
});

// ---------------------------------------------------------------- the runtime alone

const requirePkg = createRequire(join(pkgDir, 'package.json'));
await check('runtime: deadline stops a slow call, the next call runs', async () => {
  process.env.N8N_HELPSCOUT_MAX_WORKERS = '2';
  const host = requirePkg('./dist/runtime/host.js');
  const conn = { baseUrl: proxy.url, credentials: { tag: 'access-token', val: DEMO.token } };
  const t = now();
  let err;
  try { await host.call('invoke', [conn, 'list-mailboxes', '{}'], { allow: [host.authorityOf(proxy.url)], deadlineMs: 500 }); } catch (e) { err = e; }
  const stopped = now() - t;
  assert(err?.kind === 'deadline', `expected a deadline error, got ${err?.message ?? 'success'}`);
  assert(stopped < 1400, `stopped after ${stopped} ms, before the 1.5 s answer`);
  const ok = await host.call('invoke', [{ ...conn, baseUrl: sim.url }, 'list-mailboxes', '{}'], { allow: [host.authorityOf(sim.url)] });
  assert(ok.value.outcome.tag === 'ok', 'the next call failed');
  return `terminated after ${Math.round(stopped)} ms (deadline 500 ms, upstream 1500 ms); next call ok`;
});
await check('runtime: allow-list refuses any other host', async () => {
  const host = requirePkg('./dist/runtime/host.js');
  const conn = { baseUrl: sim.url, credentials: { tag: 'access-token', val: DEMO.token } };
  const r = await host.call('invoke', [conn, 'list-mailboxes', '{}'], { allow: ['api.helpscout.net:443'] });
  assert(r.value.outcome.tag === 'err' && r.value.outcome.val.tag === 'denied', `expected denied, got ${JSON.stringify(r.value.outcome).slice(0, 200)}`);
  assert(r.value.meta.requests <= 1 && r.denied.length >= 1, 'the request was not refused before sending');
  return `denied ${r.denied[0]} (allowed: api.helpscout.net:443)`;
});
await check('runtime: memory cap on the component\'s linear memory', async () => {
  const host = requirePkg('./dist/runtime/host.js');
  const r = await host.call('probeMemoryCap', []);
  assert(r.value.capped, `memory grew past the cap: ${JSON.stringify(r.value)}`);
  host.shutdown();
  return `linear memory max ${r.value.maxMb} MiB (grow beyond refused); V8 heap ${host.settings.heapMb} MiB via resourceLimits`;
});

// ---------------------------------------------------------------- n8n execute

// Secrets that outputs carry by design (subscribe-webhook answers with the webhook's secret): kept
// for the scan at the end, replaced in the logs this test writes.
const outputSecrets = new Set();
function collectSecrets(v) {
  if (Array.isArray(v)) v.forEach(collectSecrets);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { if (/secret/i.test(k) && typeof x === 'string' && x.length >= 8) outputSecrets.add(x); else collectSecrets(x); }
}
const redact = (text) => [...outputSecrets].reduce((t, x) => t.split(x).join('<redacted>'), text);
async function execute(id) {
  const r = await cli(['execute', `--id=${id}`, '--rawOutput']);
  const data = rawOutput(r.stdout);
  collectSecrets(data);
  writeFileSync(join(logs, `execute-${id}.log`), redact(r.stdout + '\n--- stderr ---\n' + r.stderr));
  return { ...r, data };
}
const firstJson = (runData, node) => runData?.[node]?.[0]?.data?.main?.[0]?.[0]?.json;

const all = await phase('execute every action', () => execute('wfAllActions0001'));
{
  const runData = all.data?.data?.resultData?.runData ?? {};
  const wf = W.allActions();
  // Every action of the generated catalog has its node: a new action without one fails here.
  const catalog = JSON.parse(readFileSync(join(pkgDir, 'dist', 'generated', 'catalog.json'), 'utf8'));
  const covered = new Set(wf.nodes.map((n) => n.parameters?.operation));
  for (const action of Object.keys(catalog.actions).filter((a) => !covered.has(a))) {
    await check(`action ${action}`, () => { throw new Error('no node in the every-action workflow (adapters/n8n/test/workflows.mjs)'); });
  }
  for (const node of wf.nodes.filter((n) => n.type === W.NODE)) {
    await check(`action ${node.name}`, async () => {
      const runs = runData[node.name];
      assert(runs, `did not run (n8n execute exit ${all.code}): ${all.data?.data?.resultData?.error?.message ?? 'see logs/execute-wfAllActions0001.log'}`);
      if (node.name === 'update-conversation') assert(/field/i.test(JSON.stringify(runs[0].data?.main?.[0]?.[0]?.json?.applied ?? [])), `custom field not applied: ${JSON.stringify(runs[0].data?.main?.[0]?.[0]?.json)}`);
      const items = runs[0].data?.main?.[0] ?? [];
      const json = items[0]?.json;
      assert(runs[0].executionStatus === 'success', `status ${runs[0].executionStatus}`);
      assert(json && !('error' in json), `error item: ${JSON.stringify(json).slice(0, 300)}`);
      if (node.name === 'find-conversations') assert(items.length >= 150, `Return All gave ${items.length} items`);
      if (node.name === 'get-attachment') assert(runs[0].data.main[0][0].binary?.data, 'no binary data');
      return `${items.length} item${items.length === 1 ? '' : 's'} in ${runs[0].executionTime} ms${node.name === 'find-conversations' ? ' (Return All over next)' : ''}${node.name === 'create-thread' ? ' (attachment from the binary get-attachment gave)' : ''}`;
    });
  }
}

await check('error item with continue-on-fail', async () => {
  const r = await execute('wfErrorItem00001');
  const runData = r.data?.data?.resultData?.runData;
  const j = firstJson(runData, 'missing conversation');
  assert(j, `no output (exit ${r.code})`);
  assert(j.kind === 'not-found' && j.status === 404 && typeof j.correlationId === 'string' && j.correlationId, `error item ${JSON.stringify(j)}`);
  assert(firstJson(runData, 'still runs'), 'the next node did not run');
  return `{kind: not-found, status: 404, correlationId: ${j.correlationId.slice(0, 12)}…}; next node ran`;
});

await check('error without continue-on-fail: NodeApiError with status and correlation id', async () => {
  const r = await execute('wfErrorStops0001');
  const err = r.data?.data?.resultData?.error;
  const text = JSON.stringify(r.data ?? {}) + r.stdout + r.stderr;
  assert(err || r.code !== 0, 'the execution did not fail');
  assert(/404/.test(text), 'no HTTP 404 in the error');
  assert(/correlation id [0-9a-f-]+/i.test(text), 'no correlation id in the error');
  assert(err?.name === 'NodeApiError' && err.httpCode === '404' && err.errorResponse?.correlationId, `error ${JSON.stringify(err).slice(0, 300)}`);
  return `${err.name} httpCode ${err.httpCode}, "${err.message}", description: ${err.description.slice(0, 60)}…`;
});

await check('client credentials: n8n mints once, every process uses the stored token, a 401 mints once more', async () => {
  // Each `n8n execute` is its own process: the first mints (n8n's OAuth2 client-credentials grant)
  // and stores the token in the credential; the next ones find it there.
  const f0 = tokens.figures();
  const runs = [];
  const once = async (what) => {
    const r = await execute('wfClientCreds001');
    const d = r.data?.data?.resultData?.runData;
    assert(firstJson(d, 'mint')?.id === 1001 && firstJson(d, 'reuse')?.id, `${what}: ${JSON.stringify(r.data?.data?.resultData?.error ?? firstJson(d, 'mint')).slice(0, 300)}`);
    const f = tokens.figures();
    runs.push(`${what}: ${f.tokenPosts - f0.tokenPosts} mint${f.tokenPosts - f0.tokenPosts === 1 ? '' : 's'} so far`);
    return f;
  };
  const f1 = await once('execute 1');
  assert(f1.tokenPosts - f0.tokenPosts === 1 && f1.tokenStatuses.every((x) => x === 200), `execute 1 minted ${f1.tokenPosts - f0.tokenPosts} times (statuses ${f1.tokenStatuses})`);
  await once('execute 2');
  const f3 = await once('execute 3');
  assert(f3.tokenPosts === f1.tokenPosts, `executes 2-3 minted ${f3.tokenPosts - f1.tokenPosts} more`);
  assert(Object.keys(f3.byToken).join() === '#1' && f3.byToken['#1'] >= 6, `requests by token ${JSON.stringify(f3.byToken)}`);
  // The stored token stops working (revoked at the proxy): the component reports unauthorized, the
  // node has n8n mint again (stored), retries; the next process uses the new token.
  tokens.revoke();
  const f4 = await once('revoked, execute 4');
  assert(f4.tokenPosts === f3.tokenPosts + 1, `after the 401: ${f4.tokenPosts - f3.tokenPosts} mints`);
  assert(f4.revokedSent === 1 && f4.unauthorized === 1, `revoked requests ${f4.revokedSent}, 401s ${f4.unauthorized}`);
  const f5 = await once('execute 5');
  assert(f5.tokenPosts === f4.tokenPosts && (f5.byToken['#2'] ?? 0) >= 3, `execute 5: mints ${f5.tokenPosts - f4.tokenPosts}, requests by token ${JSON.stringify(f5.byToken)}`);
  return `5 executes (5 processes), token POSTs ${f5.tokenPosts}: ${runs.join('; ')}; API requests by token ${JSON.stringify(f5.byToken)}, 401s ${f5.unauthorized}`;
});

await check('OAuth2 authorization code: expired token refreshed by n8n, rotated refresh token kept', async () => {
  const r1 = await execute('wfOAuthRefresh01');
  const d1 = r1.data?.data?.resultData?.runData;
  assert(firstJson(d1, 'after refresh')?.id === 1001 && firstJson(d1, 'same token')?.id, `run 1: ${JSON.stringify(r1.data?.data?.resultData?.error ?? firstJson(d1, 'after refresh')).slice(0, 300)}`);
  // The demo refresh token was single-use: a second run works only with the stored new tokens.
  const r2 = await execute('wfOAuthRefresh01');
  const d2 = r2.data?.data?.resultData?.runData;
  assert(firstJson(d2, 'after refresh')?.id === 1001, `run 2: ${JSON.stringify(r2.data?.data?.resultData?.error ?? firstJson(d2, 'after refresh')).slice(0, 300)}`);
  return 'run 1: unauthorized → n8n refresh → retried; run 2: the stored (rotated) token set';
});

// ---------------------------------------------------------------- n8n start

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const startEnv = { ...baseEnv, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', WEBHOOK_URL: `${base}/`, N8N_HOST: '127.0.0.1', N8N_LOG_FORMAT: 'text' };
let n8n;
const rest = new Rest(base);
const startedOk = await check('n8n start: ready, owner, nodes loaded', async () => {
  n8n = start(process.execPath, [n8nBin, 'start'], { env: startEnv, log: join(logs, 'n8n-start.log') });
  const t = now();
  await waitFor(async () => (await fetch(`${base}/healthz/readiness`)).ok, { timeoutMs: 120000, what: 'n8n readiness' });
  const ready = now() - t;
  await rest.setupOwner();
  const types = await rest.req('GET', '/types/nodes.json');
  const list = Array.isArray(types) ? types : Object.values(types).flat();
  const names = list.map((t) => t?.name);
  for (const n of [W.NODE, W.TRIGGER, W.POLL]) assert(names.includes(n), `${n} not loaded`);
  assert(names.includes(`${W.NODE}Tool`), 'no Tool variant (usableAsTool)');
  return `ready in ${secs(ready)}; ${W.NODE}, its Tool variant, both triggers`;
});

if (startedOk) {
  await check('node description: fixed choices from the schema enum, defaults from the schema', async () => {
    // As n8n serves it to the editor, against the component's schemas (host-test actions NAME).
    const types = await rest.req('GET', '/types/nodes.json');
    const node = (Array.isArray(types) ? types : Object.values(types).flat()).find((t) => t?.name === W.NODE);
    const prop = (op, name) => {
      for (const p of node.properties) {
        if (!p.displayOptions?.show?.operation?.includes(op)) continue;
        if (p.name === name) return p;
        const inner = p.type === 'collection' && p.options?.find((o) => o.name === name);
        if (inner) return inner;
      }
      return undefined;
    };
    const schemaOf = async (action) => JSON.parse((await run(hostTest, ['actions', action])).stdout).inputSchema;
    const notes = [];
    for (const action of ['subscribe-webhook', 'unsubscribe-webhook']) {
      const want = (await schemaOf(action)).properties.events.items.enum;
      const p = prop(action, 'events');
      assert(p && !p.typeOptions?.loadOptionsMethod && JSON.stringify(p.options.map((o) => o.value)) === JSON.stringify(want), `${action}.events: ${JSON.stringify(p).slice(0, 300)}`);
      notes.push(`${action}.events: ${want.length} choices = items.enum (${p.options[0].name}, …)`);
    }
    for (const action of ['find-conversations', 'find-customers']) {
      const want = (await schemaOf(action)).properties.limit.default;
      const p = prop(action, 'limit');
      assert(want === 100 && p?.default === want, `${action}.limit default ${p?.default}, schema ${want}`);
    }
    notes.push('find-conversations/find-customers Limit default 100 (schema)');
    const cf = prop('update-conversation', 'customFields');
    assert(cf?.type === 'resourceMapper' && /YYYY-MM-DD/.test(cf.description ?? '') && /integer/.test(cf.description ?? ''), `customFields ${JSON.stringify(cf?.description)}`);
    notes.push('custom fields say YYYY-MM-DD dates, integer numbers');
    const ops = node.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options.map((o) => o.value));
    const catalogActions = Object.keys(JSON.parse(readFileSync(join(pkgDir, 'dist', 'generated', 'catalog.json'), 'utf8')).actions);
    assert(catalogActions.every((a) => ops.includes(a)), `operations missing: ${catalogActions.filter((a) => !ops.includes(a))}`);
    notes.push(`every one of the ${catalogActions.length} catalog actions is an operation`);
    return notes.join('; ');
  });

  const wfs = {};
  const activate = async (id) => {
    const wf = (await rest.req('GET', `/rest/workflows/${id}`)).data;
    wfs[id] = await rest.req('POST', `/rest/workflows/${id}/activate`, { versionId: wf.versionId });
  };
  const executions = async (id) => {
    const r = await rest.req('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: id }))}`);
    return r.data?.results ?? r.data ?? [];
  };
  const executionData = async (execId) => {
    const r = await rest.req('GET', `/rest/executions/${execId}`);
    return flatted.parse(r.data.data);
  };

  // Poll first: its scheduled polls run at second 0 of each minute while the other checks go on.
  let pollActivated = 0;
  await check('polling trigger: activated', async () => {
    await activate('wfPollTrigger001');
    pollActivated = Date.now();
    return 'new-customer, every minute (n8n\'s shortest interval)';
  });

  await check('credential test: good token', async () => {
    const r = await rest.req('POST', '/rest/credentials/test', { credentials: { ...W.CRED.token, data: { kind: 'access-token', accessToken: DEMO.token, baseUrl: sim.url } } });
    assert(r.data?.status === 'OK', JSON.stringify(r));
    return r.data.message;
  });
  await check('credential test: bad token', async () => {
    const r = await rest.req('POST', '/rest/credentials/test', { credentials: { ...W.CRED.bad, data: { kind: 'access-token', accessToken: 'not-a-valid-token', baseUrl: sim.url } } });
    assert(r.data?.status === 'Error' && /401/.test(r.data.message), JSON.stringify(r));
    return r.data.message;
  });
  await check('client credentials credential: n8n shows it connected (its stored token), secret redacted', async () => {
    // n8n tests OAuth2 credentials itself (a stored access token; `testedBy` is not asked): the
    // editor reads the credential and shows "connected" when it holds one. The token n8n minted in
    // the executes is there; the API never shows it, nor the App Secret.
    const stored = (await rest.req('GET', `/rest/credentials/${W.CRED.client.id}?includeData=true`)).data;
    assert(stored.type === W.CRED.client.type && stored.data?.oauthTokenData === true, `oauthTokenData ${JSON.stringify(stored.data?.oauthTokenData)}`);
    assert(stored.data.clientSecret !== DEMO.clientSecret && stored.data.grantType === 'clientCredentials' && stored.data.authentication === 'body', `data ${JSON.stringify({ ...stored.data, clientSecret: undefined })}`);
    return `grantType clientCredentials, authentication body (client-authentication request-body), token stored (oauthTokenData: true), App Secret redacted`;
  });

  await check('OAuth2 authorization code: n8n\'s connect flow, then a dropdown through the component', async () => {
    const auth = await rest.req('GET', `/rest/oauth2-credential/auth?id=${W.CRED.oauthCode.id}`);
    const url = new URL(auth.data);
    assert(url.origin + url.pathname === 'https://secure.helpscout.net/authentication/authorizeClientApplication', `authorize URL ${url.origin}${url.pathname}`);
    const state = url.searchParams.get('state');
    // Help Scout redirects back with a code; the simulator's demo code stands in for the consent.
    const cb = await rest.req('GET', `/rest/oauth2-credential/callback?code=demo-auth-code&state=${encodeURIComponent(state)}`, undefined, { raw: true });
    assert(cb.status === 200, `callback answered ${cb.status}: ${cb.text.slice(0, 200)}`);
    // n8n tests OAuth2 credentials itself (a stored access token); the token is then used by the
    // component: a dropdown filled through it.
    const mailboxes = (await rest.req('POST', '/rest/dynamic-node-parameters/options', {
      nodeTypeAndVersion: { name: W.NODE, version: 1 }, methodName: 'o_create-conversation_mailboxId', path: 'parameters.mailboxId',
      currentNodeParameters: { authentication: 'oAuth2', resource: 'conversation', operation: 'create-conversation' },
      credentials: { helpScoutComponentOAuth2Api: { id: W.CRED.oauthCode.id, name: W.CRED.oauthCode.name } },
    })).data;
    assert(mailboxes.map((m) => m.value).join() === '1001,1002,1003', `mailboxes ${JSON.stringify(mailboxes)}`);
    return `authorize URL for client_id ${url.searchParams.get('client_id')}; code exchanged and stored by n8n; mailboxes through the component with that token: ${mailboxes.map((m) => m.name).join(', ')}`;
  });

  const options = (operation, resource, method, params, path) => rest.req('POST', '/rest/dynamic-node-parameters/options', {
    nodeTypeAndVersion: { name: W.NODE, version: 1 }, methodName: method, path,
    currentNodeParameters: { authentication: 'appCredentials', resource, operation, ...params },
    credentials: { helpScoutComponentApi: { id: W.CRED.token.id, name: W.CRED.token.name } },
  });
  await check('dependent dropdown through the REST options endpoint', async () => {
    const f1 = (await options('find-conversations', 'conversation', 'o_find-conversations_folder', { additionalFields: { mailbox: [1001] } }, 'parameters.additionalFields.folder')).data;
    const f2 = (await options('find-conversations', 'conversation', 'o_find-conversations_folder', { additionalFields: { mailbox: [1002] } }, 'parameters.additionalFields.folder')).data;
    assert(f1.length && f1[0].value === 100101 && f2[0].value === 100201, `folders ${JSON.stringify(f1.slice(0, 2))} / ${JSON.stringify(f2.slice(0, 2))}`);
    // Custom fields: n8n's resource mapper, its fields from the conversation's mailbox.
    const rm = (await rest.req('POST', '/rest/dynamic-node-parameters/resource-mapper-fields', {
      nodeTypeAndVersion: { name: W.NODE, version: 1 }, methodName: 'rm_update-conversation_customFields', path: 'parameters.customFields',
      currentNodeParameters: { authentication: 'appCredentials', resource: 'conversation', operation: 'update-conversation', id: '5000001', additionalFields: {} },
      credentials: { helpScoutComponentApi: { id: W.CRED.token.id, name: W.CRED.token.name } },
    })).data;
    const cf = rm.fields ?? [];
    const priority = cf.find((f) => f.displayName === 'Priority');
    assert(priority?.type === 'options' && priority.options.map((o) => o.name).join() === 'Low,Medium,High', `mapper fields ${JSON.stringify(cf).slice(0, 300)}`);
    const cfText = cf.map((f) => `${f.displayName} (${f.type})`);
    let missing;
    try { await options('find-conversations', 'conversation', 'o_find-conversations_folder', { additionalFields: {} }, 'parameters.additionalFields.folder'); } catch (e) { missing = e; }
    assert(missing, 'folders without a mailbox should fail');
    return `folders of mailbox 1001: ${f1.map((o) => o.name).slice(0, 3).join(', ')}…; 1002 → ids ${f2[0].value}…; custom-field mapper from the conversation id: ${cfText.join(', ')}; no mailbox → refused`;
  });

  await check('webhook trigger: subscribed on activation (main process, stored app token), signed delivery verified', async () => {
    const t0 = tokens.figures();
    await activate('wfWebhookTrig001');
    // Activation is applied asynchronously: n8n's webhook `create` subscribes through the component.
    const mine = await waitFor(async () => (await hostRun('list-webhooks', {}, sim.url)).out.items.find((h) => h.url.startsWith(`${base}/webhook/`)),
      { timeoutMs: 20000, what: 'a Help Scout webhook for n8n' });
    await waitFor(async () => !/not registered\./.test(await (await fetch(mine.url)).text()), { timeoutMs: 20000, what: 'the trigger webhook' });
    const before = (await executions('wfWebhookTrig001')).length;
    const created = await hostRun('create-conversation', {
      subject: 'Webhook check', mailboxId: 1002, type: 'email', status: 'active', customer: { id: 7000001 },
      threads: [{ type: 'customer', text: 'Does the webhook reach n8n?' }],
    }, sim.url);
    assert(created.code === 0, `create-conversation: ${created.err}`);
    const list = await waitFor(async () => { const l = await executions('wfWebhookTrig001'); return l.length > before && l; }, { timeoutMs: 30000, what: 'the webhook execution' });
    const exec = await executionData(list[0].id);
    const j = exec.resultData.runData['Help Scout Trigger'][0].data.main[0][0].json;
    assert(j.trigger === 'new-conversation' && j.event === 'convo.created' && j.id === created.out.id, `event ${JSON.stringify(j).slice(0, 200)}`);
    // A forged delivery: same body, wrong signature → 401, no execution.
    const body = JSON.stringify({ id: created.out.id, subject: 'forged' });
    const forged = await fetch(mine.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-helpscout-event': 'convo.created', 'x-helpscout-signature': createHmac('sha1', 'not-the-secret').update(body).digest('base64') }, body });
    await sleep(1000);
    const after = (await executions('wfWebhookTrig001')).length;
    assert(forged.status === 401, `forged delivery answered ${forged.status}`);
    assert(after === before + 1, `executions ${before} → ${after}`);
    // n8n start is one more process with the client-credentials credential: it used the stored token.
    const t1 = tokens.figures();
    const used = Object.fromEntries(Object.entries(t1.byToken).map(([k, v]) => [k, v - (t0.byToken[k] ?? 0)]).filter(([, v]) => v));
    assert(t1.tokenPosts === t0.tokenPosts && Object.keys(used).length === 1 && !Object.keys(used)[0].includes('revoked'), `main process: ${t1.tokenPosts - t0.tokenPosts} mints, requests by token ${JSON.stringify(used)}`);
    return `simulator delivered convo.created ${created.out.id} to ${new URL(mine.url).pathname}, verified (secretIndex ${j.secretIndex}); forged signature → 401, no run; ` +
      `subscribed with the app credential's stored token ${Object.keys(used)[0]} (${Object.values(used)[0]} requests, no mint; ${t1.tokenPosts} token POSTs in all)`;
  });

  await check('event loop stays live during a slow component call', async () => {
    await activate('wfSlowCall00001');
    // Registration follows activation: wait until the path answers for POST.
    await waitFor(async () => !/not registered\./.test(await (await fetch(`${base}/webhook/slow-call`)).text()), { timeoutMs: 20000, what: 'the slow-call webhook' });
    const lat = [];
    let done = false;
    const t = now();
    const call = fetch(`${base}/webhook/slow-call`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
      .then(async (r) => { done = true; return { status: r.status, body: await r.json() }; });
    while (!done) {
      const s = now();
      await fetch(`${base}/healthz`).then((r) => r.text()).catch(() => null);
      lat.push(now() - s);
      await sleep(50);
    }
    const r = await call;
    const took = now() - t;
    const max = Math.max(...lat);
    assert(r.status === 200 && Array.isArray(r.body.items ?? r.body?.[0]?.items), `slow call answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
    assert(took >= 1500, `the call took ${took} ms: the proxy did not delay it`);
    assert(lat.length >= 10 && max < 500, `n8n answered ${lat.length} health checks, slowest ${Math.round(max)} ms`);
    return `call ${secs(took)} (upstream +1.5 s); /healthz answered ${lat.length} times meanwhile, slowest ${Math.round(max)} ms`;
  });

  await check('polling trigger fires once per change', async () => {
    // n8n polls at second 0 of each minute. Poll 1 sets the cursor; a customer is created; poll 2
    // reports it once; poll 3 reports nothing.
    const nextPoll = () => { const d = new Date(); return 60000 - (d.getSeconds() * 1000 + d.getMilliseconds()); };
    const afterPoll = async () => { await sleep(nextPoll() + 6000); };
    if (Date.now() - pollActivated < 1000) await sleep(1000);
    await afterPoll(); // poll 1 (cursor)
    const before = (await executions('wfPollTrigger001')).length;
    const c = await hostRun('create-customer', { firstName: 'Polly', lastName: 'Trigger', emails: [{ type: 'work', value: 'polly.trigger@example.com' }] }, sim.url);
    assert(c.code === 0, `create-customer: ${c.err}`);
    await afterPoll(); // poll 2
    const l2 = await executions('wfPollTrigger001');
    await afterPoll(); // poll 3
    const l3 = await executions('wfPollTrigger001');
    assert(l2.length === before + 1, `after the change: ${l2.length - before} executions`);
    assert(l3.length === l2.length, `a later poll fired again (${l3.length - l2.length})`);
    const exec = await executionData(l2[0].id);
    const items = exec.resultData.runData['Help Scout Polling Trigger'][0].data.main[0];
    assert(items.length === 1 && items[0].json.id === c.out.id && items[0].json.trigger === 'new-customer', `items ${JSON.stringify(items).slice(0, 300)}`);
    return `customer ${c.out.id}: 1 execution with 1 event, then none (${before} before)`;
  });

  await stop(n8n);
}

// ---------------------------------------------------------------- secrets and summary

await check('no secret in any log or output', async () => {
  const files = [];
  const walk = (d) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else files.push(p); } };
  walk(logs);
  // The simulator prints its own demo credentials: not an output of n8n or the node.
  files.splice(files.findIndex((f) => f.endsWith('simulator.log')), 1);
  for (const f of readdirSync(join(home, '.n8n'))) if (/\.log$/.test(f)) files.push(join(home, '.n8n', f));
  // The client secret, the demo access and refresh tokens, every token minted through the counting
  // proxy, and the webhook secrets the outputs carried.
  const secrets = [DEMO.clientSecret, DEMO.token, DEMO.refreshToken, ...tokens.tokens(), ...outputSecrets];
  const bad = files.filter((f) => { const text = readFileSync(f, 'utf8'); return secrets.some((x) => text.includes(x)); });
  assert(!bad.length, `a secret appears in ${bad.join(', ')}`);
  return `${files.length} files scanned for ${secrets.length} secrets (client secret, demo access and refresh tokens, ${tokens.tokens().length} minted tokens, ${outputSecrets.size} webhook secrets)`;
});

await proxy.close();
await tokens.close();
await stopAll();
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`phases: ${phases.join(', ')}; checks ${secs(results.reduce((a, r) => a + r.ms, 0))}; total ${secs(now() - started)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
