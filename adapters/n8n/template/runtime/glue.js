'use strict';
// What every node of the package shares: connections from n8n credentials, component calls
// through the worker host, n8n parameters → the action's JSON input, outputs → items, the
// component's typed errors → n8n errors (with Help Scout's HTTP status and correlation id).
const path = require('node:path');
const { createHash } = require('node:crypto');
const { createRequire } = require('node:module');
const host = require('./host');

const catalog = require(path.join(__dirname, '..', 'generated', 'catalog.json'));

/** n8n-workflow as the running n8n has it (its error classes), not a second copy. */
function workflowLib() {
  const tries = [require.main?.filename, process.argv[1], __filename].filter(Boolean);
  for (const from of tries) {
    try { return createRequire(from)('n8n-workflow'); } catch { /* next */ }
  }
  throw new Error('n8n-workflow not found: the node runs inside n8n');
}
const wf = workflowLib();

// ---------------------------------------------------------------- connections and tokens

// The node's `authentication` value → its credential type; which credential types are n8n's OAuth2
// (their token is n8n's: stored encrypted in the credential, minted or refreshed by n8n).
const credentialOf = (kind) => catalog.authentication?.[kind] ?? (kind === 'oAuth2' ? catalog.credentials.oauth2 : catalog.credentials.app);
const isOAuth2 = (name) => (catalog.oauth2Credentials ?? [catalog.credentials.oauth2]).includes(name);
const baseUrlOf = (data) => String(data.baseUrl || catalog.auth.defaultBaseUrl).replace(/\/+$/, '');
const withToken = (c, token) => ({ ...c, token, conn: { baseUrl: c.baseUrl, credentials: { tag: 'access-token', val: String(token ?? '') } } });

// WORKAROUND (builds whose auth.describe() has no client-authentication, so the client-credentials
// kind stays a plain credential): the component mints, the token comes back in call-meta, and is
// kept in this process's memory (keyed by a hash of the credential): each process mints once.
const minted = new Map();
const tokenKey = (c) => createHash('sha256').update(`${c.baseUrl}\0${c.clientId}\0${c.clientSecret}`).digest('hex');

function connectionFrom(credentialName, data) {
  const baseUrl = baseUrlOf(data);
  if (isOAuth2(credentialName)) {
    // n8n's OAuth2 (authorization code, or client credentials minted by n8n): the token goes in
    // the connection's access-token case, as auth.describe().mappings has it for authorization code
    // and as a platform running the client-credentials grant itself passes it.
    return withToken({ baseUrl, oauth2: true, grantType: data.grantType }, data.oauthTokenData?.access_token ?? '');
  }
  // The kind's `connection.credentials` case, as auth.describe().mappings gives it.
  const connectionCase = catalog.connectionCases?.[data.kind] ?? data.kind;
  if (connectionCase === 'client-credentials') {
    const key = tokenKey({ baseUrl, clientId: data.clientId, clientSecret: data.clientSecret });
    const cached = minted.get(key);
    const token = cached && cached.expiresAt > Date.now() / 1000 + 60 ? cached.accessToken : undefined;
    return { conn: { baseUrl, credentials: { tag: 'client-credentials', val: { clientId: String(data.clientId ?? ''), clientSecret: String(data.clientSecret ?? ''), token } } }, baseUrl, key };
  }
  return { conn: { baseUrl, credentials: { tag: 'access-token', val: String(data.accessToken ?? '') } }, baseUrl };
}

/**
 * Has n8n mint (client credentials) or refresh (authorization code) the credential's token and
 * store it; resolves with the connection using the new token. n8n serializes renewals of one
 * credential (across queue workers, through Redis) and hands out a token another process stored
 * meanwhile instead of minting again.
 */
async function renewToken(ctx, c) {
  if (!ctx.helpers?.refreshOAuth2Token) throw new Error('this n8n cannot renew OAuth2 tokens for a node (helpers.refreshOAuth2Token)');
  const data = await ctx.helpers.refreshOAuth2Token.call(ctx, c.credentialName, { tokenType: 'Bearer' });
  if (!data?.access_token) throw new Error('n8n returned no access token');
  return withToken(c, data.access_token);
}

async function connection(ctx, itemIndex = 0) {
  let kind = 'appCredentials';
  try { kind = ctx.getNodeParameter('authentication', itemIndex, 'appCredentials'); } catch { /* default */ }
  const name = credentialOf(kind);
  const data = await ctx.getCredentials(name, itemIndex);
  let c = { ...connectionFrom(name, data), kind, credentialName: name };
  // Client credentials run by n8n, no token stored yet (first use): n8n mints one and stores it.
  if (c.oauth2 && !c.token && c.grantType === 'clientCredentials') c = await renewToken(ctx, c);
  return c;
}

/** A component call through the worker, allowed to reach the connection's host only. */
async function run(method, c, args) {
  const allow = [host.authorityOf(c.baseUrl)];
  const { value } = await host.call(method, [c.conn, ...args], { allow });
  const mintedToken = value?.meta?.mintedToken;
  if (mintedToken && c.key) minted.set(c.key, { accessToken: mintedToken.accessToken, expiresAt: Number(mintedToken.expiresAt) });
  return value;
}

/**
 * catalog.invoke / catalog.options with the node's credentials. An `unauthorized` outcome is tried
 * once more with a new token: n8n's OAuth2 credentials take the token another process stored since,
 * or have n8n mint (client credentials) or refresh (authorization code; n8n stores the rotated
 * refresh token) one; the WORKAROUND plain client credentials drop the token kept in memory.
 * Resolves with the output JSON; throws {componentError}, a HostError, or n8n's error when it
 * could not renew the token (e.g. "needs to be reconnected").
 */
async function call(ctx, method, args, itemIndex = 0) {
  let c = await connection(ctx, itemIndex);
  for (let attempt = 0; ; attempt++) {
    const inv = await run(method, c, args);
    if (inv.outcome.tag === 'ok') return JSON.parse(inv.outcome.val);
    const err = inv.outcome.val;
    if (err.tag === 'unauthorized' && attempt === 0) {
      if (c.oauth2) {
        const stored = (await ctx.getCredentials(c.credentialName, itemIndex)).oauthTokenData?.access_token;
        c = stored && stored !== c.token ? withToken(c, stored) : await renewToken(ctx, c);
        continue;
      }
      if (c.key && minted.has(c.key)) { minted.delete(c.key); c = await connection(ctx, itemIndex); continue; }
    }
    const e = new Error('component error');
    e.componentError = err;
    throw e;
  }
}

// ---------------------------------------------------------------- parameters → input

const isExpr = (v) => typeof v === 'string' && v.startsWith('=');

function toId(v) {
  if (typeof v === 'number') return v;
  const s = String(v).trim();
  return /^\d+$/.test(s) && s.length < 16 ? Number(s) : s;
}

function toInstant(v) {
  if (v === '' || v == null) return undefined;
  const s = typeof v === 'object' && typeof v.toISO === 'function' ? v.toISO() : String(v);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(s)) return s;
  // n8n's date picker gives local ISO strings, sometimes without a zone: read them as UTC then.
  const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) || !/T/.test(s) ? s : `${s}Z`;
  const d = new Date(zoned);
  if (Number.isNaN(d.getTime())) return s; // let the component say what is wrong
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function convert(conv, v) {
  switch (conv.type) {
    case 'boolean': return Boolean(v);
    case 'number': return v === '' || v == null ? undefined : Number(v);
    case 'instant': return toInstant(v);
    case 'id': return v === '' || v == null ? undefined : toId(v);
    case 'scalar': return v === '' || v == null ? undefined : conv.id ? toId(v) : v;
    case 'list': {
      const list = Array.isArray(v) ? v : v === '' || v == null ? [] : String(v).split(',').map((x) => x.trim()).filter(Boolean);
      return conv.id ? list.map(toId) : list;
    }
    case 'idList':
    case 'csv': {
      if (Array.isArray(v)) return conv.type === 'idList' ? v.map(toId) : v;
      if (v === '' || v == null) return undefined;
      const list = String(v).split(',').map((x) => x.trim()).filter(Boolean);
      return conv.type === 'idList' ? list.map(toId) : list;
    }
    case 'idValueList': {
      const rows = v?.field ?? [];
      return rows.filter((r) => r.id !== '' && r.id != null).map((r) => ({ id: toId(r.id), value: r.value === '' ? null : r.value }));
    }
    case 'mapper': {
      // n8n's resource mapper: {mappingMode, value: {fieldId: value}, schema: [{id, type}]}.
      const values = v?.value ?? {};
      const types = Object.fromEntries((v?.schema ?? []).map((f) => [f.id, f.type]));
      return Object.entries(values)
        .filter(([, x]) => x !== null && x !== undefined && x !== '')
        // Dates as YYYY-MM-DD and numbers as integers, as the value's description says.
        .map(([id, x]) => ({ id: toId(id), value: types[id] === 'dateTime' ? String(toInstant(x)).slice(0, 10)
          : types[id] === 'number' && typeof x === 'string' && /^\s*-?\d+\s*$/.test(x) ? Number(x) : x }));
    }
    case 'json': {
      if (v === '' || v == null) return undefined;
      if (typeof v !== 'string') return v;
      try { return JSON.parse(v); } catch (e) { const err = new Error(`not JSON: ${e.message}`); err.badJson = true; throw err; }
    }
    default: return v === '' ? undefined : v;
  }
}

/** The action's JSON input from the node's parameters (item `i`), or from a form (options). */
function buildInput(action, get, { lenient = false } = {}) {
  const entry = catalog.actions[action];
  const input = {};
  const extra = get('additionalFields', {}) ?? {};
  for (const f of entry.fields) {
    let v = (f.top ?? f.required) ? get(f.name, undefined) : extra[f.name];
    if (v === undefined || (lenient && isExpr(v))) continue;
    try {
      v = convert(f.conv, v);
    } catch (e) {
      if (lenient) continue;
      e.field = f.name;
      throw e;
    }
    if (v !== undefined && !(Array.isArray(v) && v.length === 0 && !f.required)) input[f.name] = v;
  }
  return input;
}

// ---------------------------------------------------------------- errors

function problemOf(err) {
  const v = err.val;
  switch (err.tag) {
    case 'validation':
      return { message: `Invalid input: ${v.map((f) => `${f.path || '(input)'}: ${f.message}`).join('; ')}`, fields: v };
    case 'rate-limited':
      return { message: `Help Scout's rate limit: retry after ${v} s`, status: 429, retryAfter: v };
    case 'invalid-signature':
      return { message: `Invalid webhook signature: ${v}` };
    case 'partial':
      return { message: `Stopped at step ${v.failedStep} (${v.cause}) after ${v.applied.join(', ') || 'nothing'}: ${v.message}`, applied: v.applied, failedStep: v.failedStep, id: v.id != null ? Number(v.id) : undefined };
    case 'execution-failed':
      return { message: 'The component failed' };
    default:
      return { message: v?.message ?? String(v), status: v?.status ?? undefined, correlationId: v?.correlationId ?? undefined };
  }
}

/** The error as JSON for an error item (continue on fail) and the error's details. */
function errorJson(e) {
  if (e?.componentError) {
    const p = problemOf(e.componentError);
    return { error: p.message, kind: e.componentError.tag, ...Object.fromEntries(Object.entries(p).filter(([k, v]) => k !== 'message' && v !== undefined)) };
  }
  if (e?.name === 'HostError') return { error: e.message, kind: e.kind };
  return { error: e?.message ?? String(e), kind: 'node' };
}

/** An n8n error: NodeApiError when Help Scout answered (status, correlation id), else NodeOperationError. */
function toNodeError(node, e, itemIndex) {
  if (e instanceof wf.NodeApiError || e instanceof wf.NodeOperationError) return e;
  const j = errorJson(e);
  if (j.status) {
    const description = `Help Scout answered HTTP ${j.status}${j.correlationId ? `; correlation id ${j.correlationId} (quote it to Help Scout support)` : ''}` +
      (j.kind === 'unknown-outcome' ? '. The write may have taken effect: check before retrying.' : '');
    return new wf.NodeApiError(node, { ...j }, { message: j.error, description, httpCode: String(j.status), itemIndex });
  }
  let description;
  if (j.kind === 'validation' && j.fields) description = j.fields.map((f) => `${f.path}: ${f.message}${f.rejectedValue != null ? ` (got ${f.rejectedValue})` : ''}`).join('\n');
  if (j.kind === 'denied') description = 'The component may reach only the host of the credential\'s Base URL.';
  if (j.kind === 'deadline') description = 'Raise N8N_HELPSCOUT_DEADLINE_MS if calls legitimately take longer.';
  return new wf.NodeOperationError(node, j.error, { description, itemIndex });
}

// ---------------------------------------------------------------- loadOptions and credential test

function loadOptionsMethods() {
  const methods = {};
  for (const { method, action, field } of catalog.loadOptions) {
    methods[method] = async function () {
      let form = {};
      try {
        const params = this.getCurrentNodeParameters?.() ?? {};
        form = buildInput(action, (name, d) => (name in params ? params[name] : d), { lenient: true });
      } catch { form = {}; }
      try {
        const out = await call(this, 'options', [action, field, JSON.stringify(form)]);
        return out.items.map((o) => ({ name: String(o.label), value: o.value, description: o.type ? `${o.type}${o.required ? ', required' : ''}` : undefined }));
      } catch (e) {
        throw toNodeError(this.getNode(), e);
      }
    };
  }
  return methods;
}

/** Custom-field definitions (option fields with `definitions`) as n8n resource-mapper fields. */
function resourceMappingMethods() {
  const types = { number: 'number', date: 'dateTime', dropdown: 'options', boolean: 'boolean' };
  const methods = {};
  for (const { method, action, field } of catalog.resourceMappers ?? []) {
    methods[method] = async function () {
      let form = {};
      try {
        const params = this.getCurrentNodeParameters?.() ?? {};
        form = buildInput(action, (name, d) => (name in params && name !== field ? params[name] : d), { lenient: true });
        delete form[field];
      } catch { form = {}; }
      try {
        const out = await call(this, 'options', [action, field, JSON.stringify(form)]);
        return {
          fields: out.items.map((o) => ({
            id: String(o.value), displayName: String(o.label), required: !!o.required, defaultMatch: false,
            canBeUsedToMatch: false, display: true, type: types[String(o.type).toLowerCase()] ?? 'string',
            ...(o.options ? { options: o.options.map((x) => ({ name: String(x.label), value: x.value })) } : {}),
          })),
        };
      } catch (e) {
        throw toNodeError(this.getNode(), e);
      }
    };
  }
  return methods;
}

/** The credential "Test" button of the direct kinds' credential: the component's test action
 *  (auth.describe().testAction). n8n tests its OAuth2 credentials itself. */
async function testConnection(credential) {
  const c = connectionFrom(credential.type, credential.data ?? {});
  try {
    const inv = await run('invoke', c, [catalog.testAction, '{}']);
    if (inv.outcome.tag === 'ok') {
      const u = JSON.parse(inv.outcome.val);
      return { status: 'OK', message: `Connected as ${[u.firstName, u.lastName].filter(Boolean).join(' ')}${u.email ? ` <${u.email}>` : ''}` };
    }
    const j = errorJson({ componentError: inv.outcome.val });
    return { status: 'Error', message: `${j.error}${j.status ? ` (HTTP ${j.status}${j.correlationId ? `, correlation id ${j.correlationId}` : ''})` : ''}` };
  } catch (e) {
    return { status: 'Error', message: errorJson(e).error };
  }
}

// ---------------------------------------------------------------- events

/** A component event (webhook or poll) as an item: the same shape from both. */
function eventJson(ev) {
  let data = ev.data;
  if (typeof data === 'string') { try { data = JSON.parse(data); } catch { /* keep text */ } }
  return { event: ev.event, eventId: ev.eventId, trigger: ev.trigger ?? null, id: ev.id == null ? null : Number(ev.id), data };
}

module.exports = {
  catalog, wf, host, call, connection, buildInput, errorJson, toNodeError, loadOptionsMethods, resourceMappingMethods,
  testConnection, eventJson, run, toInstant,
};
