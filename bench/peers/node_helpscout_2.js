// Peer: npm `helpscout-2.0` syncing every conversation.
//
// Usage: node node_helpscout_2.js BASE_URL
// Prints one JSON object: peer, seconds, conversations, distinct, note.
//
// The library has no base-URL option: `https://api.helpscout.net/v2/` is a module-private
// literal used for API calls and for the token URL. This script loads the installed
// `helpscout.js` and replaces only that literal (must occur exactly twice) with
// `BASE_URL/v2/` before compiling it; nothing else is changed. Authentication is the library's
// own client-credentials call (credentials in the query string), done with the public
// `getAccessToken` before the timer. `list` pages by `page=N` up to `page.totalPages` and waits
// for a 200 ms `setInterval` tick between pages (the library's hard-coded `RATE_LIMIT`);
// PEERS_UNTHROTTLED=1 also rewrites that constant to 0.
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');

const modules = process.env.PEERS_NODE_MODULES;
const dir = path.join(modules, 'helpscout-2.0');
const pkg = require(path.join(dir, 'package.json'));
const requestPkg = require(path.join(modules, 'request', 'package.json'));
const PEER = `helpscout-2.0 ${pkg.version}`;

function load (base, unthrottled) {
  const file = path.join(dir, pkg.main || 'helpscout.js');
  let src = fs.readFileSync(file, 'utf8');
  const literal = 'https://api.helpscout.net/v2/';
  const count = src.split(literal).length - 1;
  if (count !== 2) throw new Error(`expected the base URL literal twice in ${file}, found ${count}`);
  src = src.split(literal).join(`${base}/v2/`);
  if (unthrottled) {
    const throttle = 'const RATE_LIMIT = 200;';
    if (!src.includes(throttle)) throw new Error(`'${throttle}' not found in ${file}`);
    src = src.replace(throttle, 'const RATE_LIMIT = 0;');
  }
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(dir);
  m._compile(src, file);
  return m.exports;
}

async function main () {
  const base = process.argv[2].replace(/\/+$/, '');
  const unthrottled = process.env.PEERS_UNTHROTTLED === '1';
  const HelpScoutClient = load(base, unthrottled);
  const hs = new HelpScoutClient({ clientId: 'demo-client-id', clientSecret: 'demo-client-secret' });
  await hs.getAccessToken();
  const start = process.hrtime.bigint();
  const all = await hs.list('conversations', 'status=all');
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const notes = [
    'base URL patched at run time (the hard-coded https://api.helpscout.net/v2/ literal, API and token URL)',
    'client-credentials token',
    unthrottled
      ? 'built-in 200 ms page interval patched to 0 (PEERS_UNTHROTTLED=1)'
      : 'built-in 200 ms interval between pages on',
    `request ${requestPkg.version}`
  ];
  console.log(JSON.stringify({
    peer: PEER,
    seconds: Math.round(seconds * 1000) / 1000,
    conversations: all.length,
    distinct: new Set(all.map((c) => c.id)).size,
    note: notes.join('; ')
  }));
}

main().catch((e) => {
  console.log(JSON.stringify({ peer: PEER, error: String(e && e.stack ? e.stack : e) }));
  process.exit(1);
});
