// The workflows and credentials the n8n test imports. Inputs are valid against the simulator's
// seeded data (conversations 5000001.., mailboxes 1001-1003, customers 7000001.., users 301..,
// teams 9001.., organizations 8001.., workflows 4001.., rating 1, attachment 8000001).
export const NODE = 'n8n-nodes-helpscout.helpScout';
export const TRIGGER = 'n8n-nodes-helpscout.helpScoutTrigger';
export const POLL = 'n8n-nodes-helpscout.helpScoutPollTrigger';

export const CRED = {
  token: { id: 'hsCredToken0001', name: 'Help Scout token', type: 'helpScoutComponentApi' },
  bad: { id: 'hsCredBadTok001', name: 'Help Scout bad token', type: 'helpScoutComponentApi' },
  // App ID and secret: n8n's OAuth2 client-credentials grant (n8n mints and stores the token).
  client: { id: 'hsCredClient001', name: 'Help Scout app', type: 'helpScoutComponentAppOAuth2Api' },
  slow: { id: 'hsCredSlowPx001', name: 'Help Scout via slow proxy', type: 'helpScoutComponentApi' },
  oauthRefresh: { id: 'hsCredOAuthRf01', name: 'Help Scout OAuth2 (expired token)', type: 'helpScoutComponentOAuth2Api' },
  oauthCode: { id: 'hsCredOAuthCd01', name: 'Help Scout OAuth2 (to connect)', type: 'helpScoutComponentOAuth2Api' },
};

const oauth = (sim, clientId, clientSecret) => ({
  grantType: 'authorizationCode', baseUrl: sim, accessTokenUrl: `${sim}/v2/oauth2/token`,
  authUrl: 'https://secure.helpscout.net/authentication/authorizeClientApplication',
  authentication: 'body', scope: '', authQueryParameters: '', clientId, clientSecret,
});
/** The client-credentials credential as a user saves it: no token yet (n8n mints on first use). */
export const clientOAuth = (base, clientId, clientSecret) => ({
  grantType: 'clientCredentials', baseUrl: base, accessTokenUrl: `${base}/v2/oauth2/token`,
  authentication: 'body', scope: '', clientId, clientSecret,
});

/** `tokens`: the counting proxy the client-credentials credential goes through (default: sim). */
export function credentials({ sim, proxy, tokens, token, clientId, clientSecret, refreshToken }) {
  return [
    { ...CRED.token, data: { kind: 'access-token', accessToken: token, baseUrl: sim } },
    { ...CRED.bad, data: { kind: 'access-token', accessToken: 'not-a-valid-token', baseUrl: sim } },
    { ...CRED.client, data: clientOAuth(tokens ?? sim, clientId, clientSecret) },
    { ...CRED.slow, data: { kind: 'access-token', accessToken: token, baseUrl: proxy } },
    // An authorization-code credential whose access token has expired: the simulator's demo
    // refresh token is valid once (it rotates), so a second refresh would fail.
    { ...CRED.oauthRefresh, data: { ...oauth(sim, clientId, clientSecret), oauthTokenData: { token_type: 'bearer', access_token: 'expired-access-token', refresh_token: refreshToken } } },
    // Not connected yet: the test runs n8n's authorization-code flow through its REST API.
    { ...CRED.oauthCode, data: oauth(sim, clientId, clientSecret) },
  ];
}

export const credRef = (c) => ({ [c.type]: { id: c.id, name: c.name } });
/** The node's `authentication` value for a credential type. */
export const authOf = (c) => ({ helpScoutComponentApi: 'appCredentials', helpScoutComponentAppOAuth2Api: 'clientCredentials', helpScoutComponentOAuth2Api: 'oAuth2' })[c.type];

let x = 0;
function hs(name, resource, operation, params = {}, extra = {}, cred = CRED.token) {
  x += 220;
  return {
    id: `n-${name}`, name, type: NODE, typeVersion: 1, position: [x, 0],
    parameters: { authentication: authOf(cred), resource, operation, ...params },
    credentials: credRef(cred), ...extra,
  };
}
const manual = () => ({ id: 'n-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} });

function chain(id, name, nodes) {
  const connections = {};
  for (let i = 0; i + 1 < nodes.length; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
  return { id, name, active: false, settings: { executionOrder: 'v1' }, connections, nodes };
}

const ref = (node, field = 'id') => `={{ $('${node}').first().json.${field} }}`;
const once = { executeOnce: true, onError: 'continueRegularOutput' };

/** Every action once, chained; later nodes use what earlier ones created. */
export function allActions() {
  x = 0;
  const n = [
    hs('list-mailboxes', 'mailbox', 'list-mailboxes', { additionalFields: { includeFolders: true } }, once),
    hs('get-mailbox', 'mailbox', 'get-mailbox', { id: 1001, additionalFields: { includeFields: true } }, once),
    hs('find-conversations', 'conversation', 'find-conversations', { returnAll: true, additionalFields: { status: 'all', mailbox: [1001, 1002, 1003] } }, once),
    hs('get-conversation', 'conversation', 'get-conversation', { id: '5000001' }, once),
    hs('create-conversation', 'conversation', 'create-conversation', {
      subject: 'Created from n8n', mailboxId: 1001, type: 'email', status: 'active',
      customer: JSON.stringify({ email: 'n8n-check@example.com', firstName: 'Nina', lastName: 'Eight' }),
      threads: JSON.stringify([{ type: 'customer', text: 'Hello from an n8n workflow' }]),
      additionalFields: { tags: ['n8n'] },
    }, once),
    // Custom fields through n8n's resource mapper (field 201: Priority, a dropdown of mailbox 1001).
    hs('update-conversation', 'conversation', 'update-conversation', { id: ref('create-conversation'), additionalFields: { status: 'pending', subject: 'Updated from n8n' },
      customFields: { mappingMode: 'defineBelow', value: { 201: 3003 }, matchingColumns: [], schema: [{ id: '201', displayName: 'Priority', type: 'options', display: true, required: false, defaultMatch: false,
        options: [{ name: 'Low', value: 3001 }, { name: 'Medium', value: 3002 }, { name: 'High', value: 3003 }] }] } }, once),
    hs('find-or-create-conversation', 'conversation', 'find-or-create-conversation', {
      subject: 'Created from n8n', mailboxId: 1001, type: 'email', status: 'active',
      customer: JSON.stringify({ email: 'n8n-check@example.com' }), threads: JSON.stringify([{ type: 'customer', text: 'Hello again' }]),
    }, once),
    hs('list-threads', 'thread', 'list-threads', { conversationId: '5000001' }, once),
    hs('get-attachment', 'thread', 'get-attachment', { conversationId: '5000001', attachmentId: '8000001' }, once),
    // The attachment just read (binary property `data`) goes out again on a new note.
    hs('create-thread', 'thread', 'create-thread', { conversationId: ref('create-conversation'), type: 'note', text: 'A note from n8n', additionalFields: { attachmentsFromBinary: 'data' } }, once),
    hs('update-thread', 'thread', 'update-thread', { conversationId: ref('create-conversation'), threadId: ref('create-thread'), additionalFields: { text: 'An edited note' } }, once),
    hs('get-rating', 'conversation', 'get-rating', { id: '1' }, once),
    hs('run-workflow', 'workflow', 'run-workflow', { id: 4001, conversationIds: ref('create-conversation') }, once),
    hs('delete-conversation', 'conversation', 'delete-conversation', { id: ref('create-conversation') }, once),
    hs('find-customers', 'customer', 'find-customers', { returnAll: false, limit: 5 }, once),
    hs('get-customer', 'customer', 'get-customer', { id: '7000001' }, once),
    hs('create-customer', 'customer', 'create-customer', { additionalFields: { firstName: 'Nate', lastName: 'Eight', emails: JSON.stringify([{ type: 'work', value: 'nate.eight@example.com' }]) } }, once),
    hs('update-customer', 'customer', 'update-customer', { id: ref('create-customer'), additionalFields: { jobTitle: 'Workflow tester' } }, once),
    hs('find-or-create-customer', 'customer', 'find-or-create-customer', { email: 'olivia.smith@example.com' }, once),
    hs('delete-customer', 'customer', 'delete-customer', { id: ref('create-customer') }, once),
    hs('test-connection', 'account', 'test-connection', {}, once),
    hs('list-users', 'user', 'list-users', {}, once),
    hs('get-user', 'user', 'get-user', { id: 301 }, once),
    hs('list-teams', 'user', 'list-teams', {}, once),
    hs('list-team-members', 'user', 'list-team-members', { teamId: 9001 }, once),
    hs('list-tags', 'tag', 'list-tags', {}, once),
    hs('get-tag', 'tag', 'get-tag', { id: ref('list-tags') }, once),
    hs('list-customer-properties', 'customer', 'list-customer-properties', {}, once),
    hs('list-organizations', 'organization', 'list-organizations', {}, once),
    hs('get-organization', 'organization', 'get-organization', { id: 8001 }, once),
    hs('list-workflows', 'workflow', 'list-workflows', {}, once),
    hs('subscribe-webhook', 'webhook', 'subscribe-webhook', { url: 'http://127.0.0.1:9/n8n-actions-check', events: ['new-customer'] }, once),
    hs('list-webhooks', 'webhook', 'list-webhooks', {}, once),
    hs('unsubscribe-webhook', 'webhook', 'unsubscribe-webhook', { id: ref('subscribe-webhook') }, once),
    hs('api-request', 'account', 'api-request', { method: 'GET', path: '/v2/mailboxes' }, once),
  ];
  return chain('wfAllActions0001', 'every action', [manual(), ...n]);
}

export function errorItem() {
  x = 0;
  return chain('wfErrorItem00001', 'error item', [manual(),
    hs('missing conversation', 'conversation', 'get-conversation', { id: '4999999' }, { onError: 'continueRegularOutput' }),
    hs('still runs', 'mailbox', 'list-mailboxes', {}, { executeOnce: true })]);
}

export function errorStops() {
  x = 0;
  return chain('wfErrorStops0001', 'error stops', [manual(),
    hs('missing conversation', 'conversation', 'get-conversation', { id: '4999999' })]);
}

export function clientCredentials() {
  x = 0;
  return chain('wfClientCreds001', 'client credentials', [manual(),
    hs('mint', 'mailbox', 'list-mailboxes', {}, { executeOnce: true }, CRED.client),
    hs('reuse', 'account', 'test-connection', {}, { executeOnce: true }, CRED.client)]);
}

/** Authorization code with refresh: the first call meets an expired token, n8n refreshes it. */
export function oauthRefresh() {
  x = 0;
  return chain('wfOAuthRefresh01', 'oauth2 refresh', [manual(),
    hs('after refresh', 'mailbox', 'list-mailboxes', {}, { executeOnce: true }, CRED.oauthRefresh),
    hs('same token', 'account', 'test-connection', {}, { executeOnce: true }, CRED.oauthRefresh)]);
}

export function webhookTrigger() {
  return {
    id: 'wfWebhookTrig001', name: 'webhook trigger', active: false, settings: { executionOrder: 'v1' }, connections: {},
    nodes: [{ id: 'n-hook', name: 'Help Scout Trigger', type: TRIGGER, typeVersion: 1, position: [0, 0], webhookId: '6f1c2d3e-0000-4000-8000-00000000a001',
      // Subscribed by the main process (n8n start) with the token n8n stored for the app credential.
      parameters: { authentication: authOf(CRED.client), events: ['new-conversation'], options: {} }, credentials: credRef(CRED.client) }],
  };
}

export function pollTrigger() {
  return {
    id: 'wfPollTrigger001', name: 'polling trigger', active: false, settings: { executionOrder: 'v1' }, connections: {},
    nodes: [{ id: 'n-poll', name: 'Help Scout Polling Trigger', type: POLL, typeVersion: 1, position: [0, 0],
      parameters: { authentication: 'appCredentials', trigger: 'new-customer', pollTimes: { item: [{ mode: 'custom', cronExpression: '0 * * * * *' }] }, options: {} },
      credentials: credRef(CRED.token) }],
  };
}

/** A Webhook node (responds when the last node is done) → list-mailboxes through the slow proxy. */
export function slowCall() {
  return {
    id: 'wfSlowCall00001', name: 'slow call', active: false, settings: { executionOrder: 'v1' },
    connections: { 'Slow hook': { main: [[{ node: 'slow list', type: 'main', index: 0 }]] } },
    nodes: [
      { id: 'n-slowhook', name: 'Slow hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '6f1c2d3e-0000-4000-8000-00000000a002',
        parameters: { httpMethod: 'POST', path: 'slow-call', responseMode: 'lastNode', options: {} } },
      { id: 'n-slowlist', name: 'slow list', type: NODE, typeVersion: 1, position: [220, 0],
        parameters: { authentication: 'appCredentials', resource: 'mailbox', operation: 'list-mailboxes', splitItems: false },
        credentials: credRef(CRED.slow) },
    ],
  };
}
