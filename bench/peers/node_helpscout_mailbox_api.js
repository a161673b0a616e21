// Peer: npm `helpscout-mailbox-api` syncing every conversation.
//
// Usage: node node_helpscout_mailbox_api.js BASE_URL
// Prints one JSON object: peer, seconds, conversations, distinct, note.
//
// No library code is patched. The base URL goes through the library's public
// `updateRequestOptions` (Axios options): its README says `baseUrl` cannot be changed, but the
// guard only deletes the key `baseUrl`, so Axios' own `baseURL` key passes through. Its token
// URL is hard-coded to api.helpscout.net, so the simulator's pre-issued bearer token is handed
// over with the documented `setCredentials`. Paging follows `_links.next` with `nextPage`.
// The library throttles itself with Bottleneck (125 ms between requests, 400 per minute, to
// match Help Scout's real limit); PEERS_UNTHROTTLED=1 lifts that through the public
// `updateBottleneckOptions`.
'use strict';

const path = require('path');
const modules = process.env.PEERS_NODE_MODULES;
const HelpScout = require(path.join(modules, 'helpscout-mailbox-api'));
const pkg = require(path.join(modules, 'helpscout-mailbox-api', 'package.json'));
const axiosPkg = require(path.join(modules, 'axios', 'package.json'));

async function main () {
  const base = process.argv[2].replace(/\/+$/, '');
  const unthrottled = process.env.PEERS_UNTHROTTLED === '1';
  const hs = new HelpScout({
    clientId: 'demo-client-id',
    clientSecret: 'demo-client-secret',
    authenticationFlow: 'clientCredentials'
  });
  hs.updateRequestOptions({ baseURL: `${base}/v2/` });
  hs.setCredentials({ access_token: 'demo-access-token', token_type: 'bearer' });
  if (unthrottled) {
    hs.updateBottleneckOptions({ minTime: 0, reservoir: null });
  }
  const start = process.hrtime.bigint();
  const all = [];
  let res = await hs.conversations.list({ status: 'all' });
  for (;;) {
    const body = res.data;
    all.push(...((body._embedded && body._embedded.conversations) || []));
    if (!body._links || !body._links.next) break;
    res = await hs.nextPage(body._links);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const notes = [
    'base URL via updateRequestOptions({baseURL}) (no code patched)',
    'pre-issued bearer token via setCredentials (library token URL is hard-coded)',
    unthrottled
      ? 'built-in Bottleneck throttle lifted (PEERS_UNTHROTTLED=1)'
      : 'built-in Bottleneck throttle on (125 ms between requests, 400/min)',
    `axios ${axiosPkg.version}`
  ];
  console.log(JSON.stringify({
    peer: `helpscout-mailbox-api ${pkg.version}`,
    seconds: Math.round(seconds * 1000) / 1000,
    conversations: all.length,
    distinct: new Set(all.map((c) => c.id)).size,
    note: notes.join('; ')
  }));
}

main().catch((e) => {
  const detail = e && e.response ? `HTTP ${e.response.status} ${JSON.stringify(e.response.data)}` : String(e && e.stack ? e.stack : e);
  console.log(JSON.stringify({ peer: `helpscout-mailbox-api ${pkg.version}`, error: detail }));
  process.exit(1);
});
