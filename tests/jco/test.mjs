// The connector component on a second runtime: Node.js through jco (transpiled JS + core wasm,
// WASI from @bytecodealliance/preview2-shim), against the host-test simulator.
//
// Run by scripts/jco-test, which installs jco, transpiles the component and starts the simulator.
// By hand:
//   SIMULATOR_URL=http://127.0.0.1:PORT JCO_COMPONENT_JS=target/jco/out/connector.js node tests/jco/test.mjs
//
// Environment:
//   SIMULATOR_URL     base URL of `host-test simulator` (required)
//   JCO_COMPONENT_JS  the transpiled component's JS entry (default: target/jco/out/connector.js)
//   SIMULATOR_TOKEN   access token the simulator accepts (default: its demo token)
//
// Assertion messages never contain a token or secret: values that could hold one are compared as
// booleans with a fixed message.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const fixtures = join(repo, 'tests', 'fixtures', 'webhooks');

const baseUrl = process.env.SIMULATOR_URL;
if (!baseUrl) {
  console.error('SIMULATOR_URL is not set (the URL printed by `host-test simulator`)');
  process.exit(2);
}
const componentJs = resolve(process.env.JCO_COMPONENT_JS ?? join(repo, 'target', 'jco', 'out', 'connector.js'));
const token = process.env.SIMULATOR_TOKEN ?? 'demo-access-token';
// The simulator's demo app (host-test/simulator/src/lib.rs, `credentials`).
const demoClient = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' };
const secrets = [token, demoClient.clientSecret];

const redact = (text) => secrets.reduce((t, s) => t.split(s).join('<redacted>'), text);

/**
 * The interface's functions, with the typed error shown in the message when a call throws (jco's
 * ComponentError says only "(see error.payload)"); `payload` stays as jco set it.
 */
function explained(iface, ifaceName) {
  const wrap = (name, fn) => (...args) => {
    try {
      return fn(...args);
    } catch (e) {
      if (e && typeof e === 'object' && 'payload' in e) {
        e.message = redact(`${ifaceName}.${name}: component error ${JSON.stringify(e.payload, (_, v) =>
          typeof v === 'bigint' ? `${v}` : v)}`);
      }
      throw e;
    }
  };
  return Object.fromEntries(Object.entries(iface).map(([k, v]) => [k, typeof v === 'function' ? wrap(k, v) : v]));
}

const connector = await import(pathToFileURL(componentJs).href);
const catalog = explained(connector.catalog, 'catalog');
const mailboxes = explained(connector.mailboxes, 'mailboxes');
const conversations = explained(connector.conversations, 'conversations');
const triggers = explained(connector.triggers, 'triggers');

const conn = { baseUrl, credentials: { tag: 'access-token', val: token } };

/** HMAC-SHA1 of the raw body, base64: Help Scout's X-HelpScout-Signature. */
const sign = (secret, body) => createHmac('sha1', secret).update(body).digest('base64');

/** The typed `error` a component call threw (jco: a ComponentError whose `payload` is the variant). */
function componentError(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e && typeof e === 'object' && 'payload' in e, `expected a ComponentError, got ${e}`);
    assert.equal(typeof e.payload.tag, 'string', 'the error payload is a WIT variant {tag, val}');
    return e.payload;
  }
  assert.fail('the call succeeded but an error was expected');
}

function assertNoSecret(text, what) {
  assert.ok(!secrets.some((s) => text.includes(s)), `${what} contains a credential`);
}

/** A call that ran: `outcome` is a WIT `result` ({tag: 'ok' | 'err', val}), `meta` its cost. */
function outcomeOf(name, inv) {
  if (inv.outcome.tag === 'err') {
    const e = new Error(redact(`${name}: component error ${JSON.stringify(inv.outcome.val, (_, v) =>
      typeof v === 'bigint' ? `${v}` : v)}`));
    e.payload = inv.outcome.val;
    throw e;
  }
  assertNoSecret(inv.outcome.val, `${name} output`);
  return { out: JSON.parse(inv.outcome.val), meta: inv.meta };
}

const invokeJson = (name, input, c = conn) => outcomeOf(name, catalog.invoke(c, name, JSON.stringify(input)));

/** The typed error of a catalog call: thrown when the call could not start, else its outcome. */
function catalogError(name, inputText, c = conn) {
  let inv;
  try {
    inv = catalog.invoke(c, name, inputText);
  } catch (e) {
    assert.ok(e && typeof e === 'object' && 'payload' in e, `expected a ComponentError, got ${e}`);
    return e.payload;
  }
  assert.equal(inv.outcome.tag, 'err', `${name} succeeded but an error was expected`);
  assert.equal(typeof inv.meta.requests, 'number', 'the meta comes with the error');
  return inv.outcome.val;
}

const SEEDED_MAILBOXES = [
  { id: 1001, name: 'Support', email: 'support@example.com' },
  { id: 1002, name: 'Billing', email: 'billing@example.com' },
  { id: 1003, name: 'Sales', email: 'sales@example.com' },
];

test('catalog.describe on Node lists what the wasmtime host lists, with JSON Schemas', () => {
  const entries = catalog.describe();
  const byName = new Map(entries.map((d) => [d.name, d]));
  // `host-test actions`, run by scripts/jco-test: the same component under wasmtime.
  const listed = JSON.parse(readFileSync(process.env.CATALOG_JSON, 'utf8'));
  assert.deepEqual(entries.map((d) => d.name), listed.map((e) => e.name));
  for (const e of listed) {
    const d = byName.get(e.name);
    assert.equal(d.kind, e.kind, `${e.name} kind`);
    assert.equal(d.effects.readOnly, e.effects.readOnly, `${e.name} effects`);
    assert.equal(d.trigger?.pollable, e.pollable, `${e.name} pollable`);
  }
  for (const d of entries) {
    assert.ok(d.description.length > 0, `${d.name} has a description`);
    assert.equal(typeof JSON.parse(d.inputSchema), 'object', `${d.name} input schema is JSON`);
    assert.equal(typeof JSON.parse(d.outputSchema), 'object', `${d.name} output schema is JSON`);
  }
});

test('catalog.options fills a dependent dropdown; descriptors carry samples and option fields', () => {
  const choices = (name, field, form) => outcomeOf(name, catalog.options(conn, name, field, JSON.stringify(form))).out.items;
  assert.deepEqual(choices('create-conversation', 'mailboxId', {}).map((c) => c.value), [1001, 1002, 1003]);
  const fields = choices('update-conversation', 'customFields', { mailboxId: 1001 });
  assert.equal(fields[0].label, 'Priority');
  assert.deepEqual(fields[0].options.map((o) => o.label), ['Low', 'Medium', 'High']);
  const create = catalog.describe().find((d) => d.name === 'create-conversation');
  assert.equal(typeof JSON.parse(create.sampleOutput).id, 'number');
  assert.deepEqual(create.optionFields.find((f) => f.field === 'fields').dependsOn, ['mailboxId']);
  const auth = connector.auth.describe();
  assert.equal(auth.tokenLifetimeSeconds, 172800n);
  assert.deepEqual(auth.kinds, ['authorization-code', 'client-credentials', 'access-token']);
});

test('finds continue: the typed page and the JSON output page alike', () => {
  const first = conversations.findConversations(conn, {
    mailbox: [], tag: [], customFields: [], embedThreads: false, limit: 30, status: 'all',
  });
  assert.equal(first.items.length, 30);
  assert.equal(first.hasMore, true);
  const rest = conversations.findConversations(conn, {
    mailbox: [], tag: [], customFields: [], embedThreads: false, limit: 1000, status: 'all', next: first.next,
  });
  assert.equal(rest.hasMore, false);
  const ids = [...first.items, ...rest.items].map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length, 'no conversation twice');
  const whole = invokeJson('find-conversations', { status: 'all', limit: 1000 }).out;
  assert.deepEqual(ids.map(Number), whole.items.map((c) => c.id));
});

test('list-mailboxes through catalog.invoke returns the seeded mailboxes', () => {
  const { out, meta } = invokeJson('list-mailboxes', {});
  assert.deepEqual(
    out.items.map(({ id, name, email }) => ({ id, name, email })),
    SEEDED_MAILBOXES,
  );
  for (const m of out.items) {
    assert.equal(typeof m.slug, 'string');
    assert.match(m.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  }
  assert.equal(meta.requests, 1, 'one GET /v2/mailboxes');
  assert.equal(meta.budgetUsed, 1, 'a GET costs 1');
  assert.equal(meta.rateLimitLimit, 2000, "the simulator's X-RateLimit-Limit-Minute");
  assert.equal(typeof meta.rateLimitRemaining, 'number');
  assert.equal(meta.waitedMs, 0n);
  assert.equal(meta.mintedToken, undefined, 'no token minted with an access token');
});

test('list-mailboxes with folders and fields, catalog and typed export agree', () => {
  const { out, meta } = invokeJson('list-mailboxes', { includeFolders: true, includeFields: true });
  assert.equal(meta.requests, 7, '1 list + folders and fields of 3 mailboxes');
  const typed = mailboxes.listMailboxes(conn, { includeFolders: true, includeFields: true });
  assert.deepEqual(typed.map((m) => [m.id, m.name]), SEEDED_MAILBOXES.map((m) => [BigInt(m.id), m.name]));
  for (const [i, m] of typed.entries()) {
    const json = out.items[i];
    assert.equal(Number(m.id), json.id);
    assert.equal(m.slug, json.slug);
    assert.deepEqual(m.folders.map((f) => f.name),
      ['Unassigned', 'Mine', 'Needs Attention', 'Drafts', 'Assigned', 'Closed', 'Spam']);
    assert.deepEqual(m.folders.map((f) => Number(f.id)), json.folders.map((f) => f.id));
    assert.equal(m.folders[0].id, m.id * 100n + 1n, 'folder ids are mailbox*100+k');
    assert.equal(m.fields.length, 5, 'five custom fields per mailbox');
    assert.equal(json.fields.length, 5);
  }
  const support = typed[0].fields.find((f) => f.kind.toLowerCase() === 'dropdown');
  assert.equal(support?.name, 'Priority');
  assert.deepEqual(support.options.map((o) => o.label), ['Low', 'Medium', 'High']);
});

test('get-conversation 5000001 through catalog.invoke and the typed export', () => {
  const { out } = invokeJson('get-conversation', { id: 5000001 });
  assert.equal(out.id, 5000001);
  assert.equal(out.number, 1001);
  assert.equal(out.subject, 'Refund request for order #4000');
  assert.equal(out.status, 'active');
  assert.equal(out.mailboxId, 1001);
  assert.equal(out.primaryCustomer?.id, 7000001);
  assert.deepEqual(out.tags.map((t) => t.tag).sort(), ['urgent', 'vip']);
  const threads = out._embedded?.threads;
  assert.ok(Array.isArray(threads) && threads.length >= 1, 'threads embedded by default');
  assert.equal(threads.length, out.threads, 'every thread embedded');

  const c = conversations.getConversation(conn, { id: 5000001n, embedThreads: undefined });
  assert.equal(c.id, 5000001n);
  assert.equal(c.number, 1001n);
  assert.equal(c.subject, out.subject);
  assert.equal(c.status, 'active');
  assert.equal(c.kind, 'email');
  assert.equal(c.mailboxId, 1001n);
  assert.equal(c.assignee?.id, 301n);
  assert.equal(c.primaryCustomer?.id, 7000001n);
  assert.deepEqual(c.tags.map((t) => t.tag).sort(), ['urgent', 'vip']);
  assert.equal(c.threads?.length, threads.length);
  assert.equal(c.threadCount, BigInt(threads.length));
  assert.deepEqual(c.threads.map((t) => Number(t.id)), threads.map((t) => t.id));
  assert.equal(JSON.parse(c.rawJson).id, 5000001);

  const bare = invokeJson('get-conversation', { id: 5000001, embedThreads: false }).out;
  assert.equal(bare._embedded?.threads, undefined, 'no threads when embedThreads is false');
});

test('typed errors come back as ComponentError payloads', () => {
  let err = catalogError('get-conversation', '{"id": 4999999}');
  assert.equal(err.tag, 'not-found');
  assert.match(err.val.message, /conversation 4999999/);
  assert.equal(err.val.status, 404);
  assert.equal(typeof err.val.correlationId, 'string', "Help Scout's Correlation-Id, for a support ticket");

  err = componentError(() => conversations.getConversation(conn, { id: 4999999n }));
  assert.equal(err.tag, 'not-found');

  err = catalogError('get-conversation', '{"id": "x"}');
  assert.equal(err.tag, 'validation');
  assert.ok(err.val.some((f) => f.path === 'id'), 'the validation error names the field `id`');

  err = catalogError('list-mailboxes', 'not json');
  assert.equal(err.tag, 'validation');

  // An unknown name never starts: the call's own error, thrown.
  err = componentError(() => catalog.invoke(conn, 'list-mailbox', '{}'));
  assert.equal(err.tag, 'validation');

  const badConn = { baseUrl, credentials: { tag: 'access-token', val: 'not-a-valid-token' } };
  err = catalogError('list-mailboxes', '{}', badConn);
  assert.equal(err.tag, 'unauthorized');
  assert.equal(err.val.status, 401);
});

test('client credentials: the component mints a token and hands it back', () => {
  const cc = { baseUrl, credentials: { tag: 'client-credentials', val: demoClient } };
  const { out, meta } = invokeJson('list-mailboxes', {}, cc);
  assert.deepEqual(out.items.map((m) => m.id), [1001, 1002, 1003]);
  const minted = meta.mintedToken;
  assert.ok(minted, 'call-meta.minted-token is set');
  assert.ok(typeof minted.accessToken === 'string' && minted.accessToken.length > 0, 'a minted access token');
  assert.equal(minted.tokenType.toLowerCase(), 'bearer');
  assert.equal(minted.expiresIn, 172800n);
  const now = BigInt(Math.floor(Date.now() / 1000));
  assert.ok(minted.expiresAt > now && minted.expiresAt <= now + 172800n + 60n, 'expires-at from the wall clock');
  // The minted token works as an access token.
  const again = invokeJson('list-mailboxes', {}, {
    baseUrl, credentials: { tag: 'access-token', val: minted.accessToken },
  });
  assert.equal(again.out.items.length, 3);
});

test('subscribe-webhook makes a 40-character secret from wasi:random', () => {
  const url = 'https://hooks.example.com/jco-test';
  const sub = invokeJson('subscribe-webhook', { url, events: ['new-conversation', 'convo.status'] }).out;
  assert.equal(sub.url, url);
  assert.equal(sub.created, true);
  assert.ok(Array.isArray(sub.events) && sub.events.includes('convo.created') && sub.events.includes('convo.status'),
    'trigger names mapped to Help Scout events');
  assert.ok(typeof sub.secret === 'string' && sub.secret.length === 40, 'a 40-character secret');
  const listed = invokeJson('list-webhooks', {}).out.items;
  const mine = listed.find((w) => w.id === sub.id);
  assert.ok(mine, 'the new webhook is listed');
  assert.equal(mine.secret ?? undefined, undefined, 'list-webhooks carries no secret');
  // The same URL again shares the webhook and keeps the stored secret; without it: conflict.
  const err = catalogError('subscribe-webhook', JSON.stringify({ url, events: ['new-customer'] }));
  assert.equal(err.tag, 'conflict');
  const again = invokeJson('subscribe-webhook', { url, events: ['new-customer'], secret: sub.secret }).out;
  assert.equal(again.id, sub.id);
  assert.equal(again.created, false);
  assert.equal(again.secret, sub.secret, 'the stored secret is kept');
  const fewer = invokeJson('unsubscribe-webhook', { id: sub.id, events: ['new-customer'], secret: sub.secret }).out;
  assert.deepEqual(fewer, { id: sub.id, deleted: false, events: ['convo.created', 'convo.status'] });
  const gone = invokeJson('unsubscribe-webhook', { id: sub.id }).out;
  assert.deepEqual(gone, { id: sub.id, deleted: true, events: [] });
});

// ---- webhooks: triggers.verify-webhook ----

const enc = new TextEncoder();
const headers = (event, signature) => {
  const h = [['X-HelpScout-Event', event], ['Content-Type', 'application/json']];
  if (signature !== undefined) h.push(['X-HelpScout-Signature', signature]);
  return h;
};
const vectors = JSON.parse(readFileSync(join(fixtures, 'signature-vectors.json'), 'utf8')).vectors;
// triggers.verify-webhook takes the secrets stored for the URL, newest first; the event as a record.
const verify = (body, hs, ...secrets) => triggers.verifyWebhook({ body, headers: hs, secrets }).event;
const vector = (name) => vectors.find((v) => v.name === name);

test('node:crypto reproduces the recorded signature vectors', () => {
  for (const v of vectors.filter((v) => v.expected_signature)) {
    const body = v.body ?? readFileSync(join(fixtures, v.body_file.split('/').pop()));
    assert.equal(sign(v.secret, body), v.expected_signature, v.name);
  }
});

test('verify-webhook accepts a correctly signed convo.created and parses it', () => {
  const v = vector('php-sdk-convo-body');
  const body = readFileSync(join(fixtures, 'webhook_body_convo_123.raw.json'));
  const sig = sign(v.secret, body);
  assert.equal(sig, v.expected_signature);
  const ev = verify(new Uint8Array(body), headers('convo.created', sig), v.secret);
  assert.equal(ev.event, 'convo.created');
  assert.equal(ev.eventId, 'convo.created:123');
  assert.equal(ev.trigger, 'new-conversation');
  assert.equal(ev.id, 123n);
  assert.equal(ev.conversation?.id, 123n);
  assert.equal(ev.conversation.number, 15473n);
  assert.equal(ev.conversation.subject, 'Need Help');
  assert.equal(ev.conversation.status, 'closed');
  assert.equal(ev.conversation.mailboxId, 85n);
  assert.equal(ev.customer, undefined);
  assert.deepEqual(JSON.parse(ev.data), JSON.parse(body.toString('utf8')));
});

test('verify-webhook: customer.created fires new-customer; other events fire none', () => {
  const v = vector('php-sdk-customer-body');
  const body = readFileSync(join(fixtures, 'webhook_body_customer_123.raw.json'));
  // Header names are matched case-insensitively.
  const ev = verify(new Uint8Array(body), [['x-helpscout-event', 'customer.created'], ['x-helpscout-signature', v.expected_signature]], v.secret);
  assert.equal(ev.trigger, 'new-customer');
  assert.equal(ev.id, 123n);
  assert.equal(ev.customer?.firstName, 'Big');
  assert.equal(ev.customer.lastName, 'Bird');

  const t = vector('php-sdk-test-event');
  const testEvent = verify(enc.encode(t.body), headers(t.event, t.expected_signature), t.secret);
  assert.equal(testEvent.event, 'helpscout.test');
  assert.equal(testEvent.trigger, undefined);
});

test('verify-webhook on a live conversation body signed in Node', () => {
  // The simulator's own conversation JSON as a convo.status delivery, with a secret made here.
  const raw = conversations.getConversation(conn, { id: 5000001n, embedThreads: false }).rawJson;
  const secret = 'jco-test-secret-0123456789abcdefghijklmn';
  const body = enc.encode(raw);
  const ev = verify(body, headers('convo.status', sign(secret, body)), secret);
  assert.equal(ev.trigger, 'conversation-status-changed');
  assert.equal(ev.id, 5000001n);
  assert.equal(ev.conversation?.subject, 'Refund request for order #4000');
});

test('verify-webhook rejects bad signatures with invalid-signature', () => {
  const v = vector('php-sdk-convo-body');
  const body = new Uint8Array(readFileSync(join(fixtures, 'webhook_body_convo_123.raw.json')));
  const good = sign(v.secret, body);

  // A tampered signature: one base64 character changed.
  const flipped = (good[0] === 'A' ? 'B' : 'A') + good.slice(1);
  let err = componentError(() => verify(body, headers('convo.created', flipped), v.secret));
  assert.equal(err.tag, 'invalid-signature');
  assertNoSecret(err.val, 'the error message');
  assert.ok(!err.val.includes(v.secret), 'the error message does not carry the webhook secret');

  // A tampered body under the original signature.
  const tampered = body.slice();
  tampered[tampered.indexOf(0x37)] ^= 1; // change one digit somewhere in the body
  err = componentError(() => verify(tampered, headers('convo.created', good), v.secret));
  assert.equal(err.tag, 'invalid-signature');

  // The wrong secret, a missing and an empty header.
  err = componentError(() => verify(body, headers('convo.created', good), 'another secret'));
  assert.equal(err.tag, 'invalid-signature');
  err = componentError(() => verify(body, headers('convo.created', undefined), v.secret));
  assert.equal(err.tag, 'invalid-signature');
  err = componentError(() => verify(body, headers('convo.created', ''), v.secret));
  assert.equal(err.tag, 'invalid-signature');

  // The published negative vector.
  const n = vector('laslabs-negative');
  err = componentError(() => verify(enc.encode(n.body), headers('customer.created', n.bad_signature), n.secret));
  assert.equal(err.tag, 'invalid-signature');

  // During a rotation the previous secret still verifies.
  assert.equal(verify(body, headers('convo.created', good), 'the new secret', v.secret).id, 123n);

  // A correctly signed but malformed body is a validation error, not a trap.
  const junk = enc.encode('{"id": 1,');
  err = componentError(() => verify(junk, headers('convo.created', sign(v.secret, junk)), v.secret));
  assert.equal(err.tag, 'validation');
});
