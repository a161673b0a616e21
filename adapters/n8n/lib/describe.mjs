// Builds n8n node, trigger and credential descriptions from the component's describe/auth output.
//
// Input: `describe` (catalog.describe(): descriptors with JSON Schemas, title, group, option
// fields, effects, paging, trigger info), `auth` (auth.describe()), `staticOptions` (the choices of
// option fields with fetched=false, from catalog.options). Output: JSON files the generic node code
// (template/nodes) reads at load time. Every place where the contract does not say what n8n needs
// is marked WORKAROUND, with what the component would have to declare instead (see README.md).

const NODE = 'helpScout';
export const CRED_APP = 'helpScoutComponentApi';
export const CRED_OAUTH2 = 'helpScoutComponentOAuth2Api';
const RESERVED = new Set(['resource', 'operation', 'authentication', 'returnAll', 'additionalFields', 'splitItems']);

// ---------------------------------------------------------------- schema helpers

/** Drops `null` from a schema (`type: [x, "null"]`, `anyOf: [x, {type: null}]`, enum nulls). */
function unwrap(schema) {
  let s = { ...schema };
  let nullable = false;
  if (Array.isArray(s.type)) {
    const t = s.type.filter((x) => x !== 'null');
    nullable = t.length !== s.type.length;
    s.type = t.length === 1 ? t[0] : t;
  }
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(s[key])) {
      const rest = s[key].filter((x) => x.type !== 'null');
      if (rest.length !== s[key].length) nullable = true;
      if (rest.length === 1) { const { [key]: _, ...others } = s; s = { ...others, ...rest[0], title: s.title, description: s.description }; }
      else s[key] = rest;
    }
  }
  if (Array.isArray(s.enum)) {
    const e = s.enum.filter((x) => x !== null);
    if (e.length !== s.enum.length) nullable = true;
    s.enum = e;
  }
  return { s, nullable };
}

/** `oneOf: [integer, digit string]`: an id (Help Scout ids; digit strings come from templates). */
function isId(s) {
  return Array.isArray(s.oneOf) && s.oneOf.some((x) => x.type === 'integer') &&
    s.oneOf.some((x) => x.type === 'string' && /0-9/.test(x.pattern ?? ''));
}
const isIdOrIdList = (s) => Array.isArray(s.anyOf) && s.anyOf.some(isId) && s.anyOf.some((x) => x.type === 'array' && isId(x.items ?? {}));
const isStrOrStrList = (s) => Array.isArray(s.anyOf) && s.anyOf.some((x) => x.type === 'string') && s.anyOf.some((x) => x.type === 'array' && x.items?.type === 'string');

/** WORKAROUND (date-time): instants carry only a pattern, no `format: date-time`. */
function isInstant(s) {
  if (s.format === 'date-time') return true;
  return s.type === 'string' && typeof s.pattern === 'string' && /T/.test(s.pattern) && /\\d\{2\}:/.test(s.pattern);
}

/** WORKAROUND (defaults): `limit` says "(default 100)" in prose, `default: null` in the schema. */
function defaultOf(s, description) {
  if (s.default !== undefined && s.default !== null && !(Array.isArray(s.default) && s.default.length === 0)) return s.default;
  const m = /\(default:? (\d+)[;,)]/.exec(description ?? '') ?? /\bdefault:? (\d+)\b/.exec(description ?? '');
  if (m && (s.type === 'integer' || s.type === 'number')) return Number(m[1]);
  return undefined;
}

/** WORKAROUND (binary): attachment data has no `contentEncoding: base64`; recognised by shape. */
function isAttachmentList(s) {
  const p = s.items?.properties;
  return s.type === 'array' && p && 'data' in p && ('fileName' in p || 'filename' in p) && 'mimeType' in p;
}

/** An array of `{id, value}` objects: custom-field values (a dropdown for the id, a value). */
function isIdValueList(s) {
  const p = s.items?.properties;
  return s.type === 'array' && p && 'id' in p && 'value' in p;
}

function itemHint(s) {
  const items = s.type === 'array' ? s.items : s;
  if (!items?.properties) return '';
  const req = new Set(items.required ?? []);
  const parts = Object.entries(items.properties).map(([k, v]) => {
    const { s: u } = unwrap(v);
    const e = u.enum ? ` (${u.enum.join('|')})` : '';
    return `${k}${req.has(k) ? '*' : ''}${e}`;
  });
  return ` ${s.type === 'array' ? 'Items' : 'Fields'}: ${parts.join(', ')}.`;
}

const plain = (text) => (text ?? '').replace(/`/g, '');

// ---------------------------------------------------------------- one input field → n8n property

function fieldProperty(d, name, schema, required, optionFields, staticOptions) {
  const { s } = unwrap(schema);
  const of = optionFields.find((f) => f.field === name);
  const displayName = s.title ?? schema.title ?? name;
  let description = plain(s.description ?? schema.description);
  const base = { displayName, name, description: undefined };
  let conv;
  let prop;
  const method = `o_${d.name}_${name}`;
  const many = s.type === 'array' || isIdOrIdList(s) || isStrOrStrList(s);

  if (of && isIdValueList(s)) {
    // Custom fields: WORKAROUND (sub-forms): the choices carry each field's type and a dropdown's
    // options, which fit n8n's resource mapper, but the contract offers them as a plain choice
    // list; rendered as repeated {field dropdown, value} pairs.
    conv = { type: 'idValueList' };
    prop = {
      ...base, type: 'fixedCollection', typeOptions: { multipleValues: true }, default: {},
      placeholder: `Add ${displayName}`,
      options: [{
        name: 'field', displayName: 'Field',
        values: [
          { displayName: 'Field', name: 'id', type: 'options', default: '', typeOptions: { loadOptionsMethod: method },
            description: 'Choose from the list, or specify an ID using an expression' },
          { displayName: 'Value', name: 'value', type: 'string', default: '',
            description: 'Dropdowns by option label or id; empty clears the field' },
        ],
      }],
    };
  } else if (of) {
    const fixed = staticOptions[`${d.name}.${name}`];
    const typeOptions = {};
    let options;
    if (of.fetched) typeOptions.loadOptionsMethod = method;
    else options = (fixed ?? (s.enum ?? s.items?.enum ?? []).map((v) => ({ value: v, label: String(v) })))
      .map((o) => ({ name: o.label, value: o.value }));
    conv = { type: many ? 'list' : 'scalar', id: isId(s) || isIdOrIdList(s) || isId(s.items ?? {}) };
    prop = {
      ...base, type: many ? 'multiOptions' : 'options',
      ...(options ? { options } : { typeOptions }),
      default: many ? [] : (options && required ? options[0]?.value ?? '' : ''),
    };
    if (of.fetched) description = `${description ? description + ' ' : ''}Choose from the list, or specify ${many ? 'IDs' : 'an ID'} using an expression.`.trim();
  } else if (s.type === 'boolean') {
    conv = { type: 'boolean' };
    prop = { ...base, type: 'boolean', default: defaultOf(s, description) ?? false };
  } else if (s.type === 'integer' || s.type === 'number') {
    conv = { type: 'number' };
    const typeOptions = {};
    if (s.minimum !== undefined) typeOptions.minValue = s.minimum;
    if (s.maximum !== undefined) typeOptions.maxValue = s.maximum;
    if (s.type === 'integer') typeOptions.numberPrecision = 0;
    prop = { ...base, type: 'number', typeOptions, default: defaultOf(s, description) ?? (s.minimum ?? 0) };
  } else if (isInstant(s)) {
    conv = { type: 'instant' };
    prop = { ...base, type: 'dateTime', default: '' };
    description = `${description} Any date and time; sent as UTC (YYYY-MM-DDTHH:MM:SSZ).`.trim();
  } else if (s.type === 'string' && s.enum) {
    conv = { type: 'scalar' };
    prop = { ...base, type: 'options', options: s.enum.map((v) => ({ name: v, value: v })), default: defaultOf(s) ?? (required ? s.enum[0] : '') };
  } else if (s.type === 'string') {
    conv = { type: 'string' };
    prop = { ...base, type: 'string', default: typeof s.default === 'string' ? s.default : '' };
    if (/secret|password/i.test(name)) prop.typeOptions = { password: true };
  } else if (isId(s)) {
    conv = { type: 'id' };
    prop = { ...base, type: 'string', default: '', placeholder: 'e.g. 123456' };
  } else if (isIdOrIdList(s) || (s.type === 'array' && isId(s.items ?? {}))) {
    conv = { type: 'idList' };
    prop = { ...base, type: 'string', default: '', placeholder: 'e.g. 1001, 1002' };
    description = `${description} Comma-separated IDs.`.trim();
  } else if (isStrOrStrList(s) || (s.type === 'array' && unwrap(s.items ?? {}).s.type === 'string' && !s.items?.enum)) {
    conv = { type: 'csv' };
    prop = { ...base, type: 'string', default: '' };
    description = `${description} Comma-separated.`.trim();
  } else {
    // Objects, arrays of objects, anything: JSON.
    conv = { type: 'json', attachments: isAttachmentList(s) };
    const def = s.default !== undefined && s.default !== null ? JSON.stringify(s.default) : s.type === 'array' ? '[]' : '{}';
    prop = { ...base, type: 'json', default: def };
    description = `${description}${itemHint(s)}`.trim();
  }
  prop.description = description || undefined;
  if (required) prop.required = true;
  return { prop, conv };
}

// ---------------------------------------------------------------- the regular node

function effectsNote(e) {
  if (e.readOnly) return null;
  const what = e.destructive ? 'Writes to Help Scout: may change or remove data, or reach customers (an e-mailed reply).' : 'Writes to Help Scout (adds data).';
  const when = e.readOnlyWhen ? ` Read-only when ${e.readOnlyWhen.field} is ${e.readOnlyWhen.equals}.` : '';
  return `${what}${e.idempotent ? ' Safe to repeat.' : ' Not safe to repeat blindly: check before retrying.'}${when}`;
}

function buildActionNode(describe, staticOptions, auth, version) {
  const actions = describe.filter((d) => d.kind === 'action');
  const groups = [...new Set(actions.map((d) => d.group))];
  const resourceValue = (g) => g.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const properties = [authenticationProperty(auth)];
  properties.push({
    displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true,
    options: groups.map((g) => ({ name: g, value: resourceValue(g) })), default: resourceValue(groups[0]),
  });
  const catalog = {};
  const loadOptions = [];
  for (const g of groups) {
    const ops = actions.filter((d) => d.group === g);
    properties.push({
      displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true,
      displayOptions: { show: { resource: [resourceValue(g)] } },
      options: ops.map((d) => ({
        name: d.title, value: d.name, action: d.title,
        description: plain(d.description).split(/(?<=\.)\s/)[0],
      })),
      default: ops[0].name,
    });
  }
  for (const d of actions) {
    const show = { resource: [resourceValue(d.group)], operation: [d.name] };
    const schema = d.inputSchema;
    const required = new Set(schema.required ?? []);
    const fields = [];
    const top = [];
    const optional = [];
    let attachmentsField;
    const note = effectsNote(d.effects);
    if (note) top.push({ displayName: note, name: `notice_${d.name}`, type: 'notice', default: '' });
    for (const [name, fs] of Object.entries(schema.properties ?? {})) {
      if (/deprecated/i.test(fs.description ?? '')) continue; // aliases kept for old callers
      if (RESERVED.has(name) && !(name === 'limit')) throw new Error(`${d.name}: input field ${name} clashes with a node parameter`);
      if (d.paging === 'continued' && (name === 'limit' || name === 'next')) continue;
      const { prop, conv } = fieldProperty(d, name, fs, required.has(name), d.optionFields, staticOptions);
      const isTop = required.has(name);
      (isTop ? top : optional).push(prop);
      fields.push({ name, param: isTop ? name : `additionalFields.${name}`, conv, required: isTop });
      if (conv.attachments) {
        // WORKAROUND (binary): base64 file data recognised by shape; n8n's binary data wired in.
        optional.push({ displayName: `${prop.displayName} From Binary Properties`, name: 'attachmentsFromBinary', type: 'string', default: '',
          placeholder: 'e.g. data, invoice', description: `Input binary properties to send as ${name} (added to any given as JSON)` });
        attachmentsField = name;
      }
      const of = d.optionFields.find((f) => f.field === name);
      if (of?.fetched) loadOptions.push({ method: `o_${d.name}_${name}`, action: d.name, field: name });
    }
    // Dependent dropdowns: n8n reloads a dropdown when a parameter it names changes.
    for (const of of d.optionFields.filter((f) => f.dependsOn.length)) {
      const target = [...top, ...optional].find((p) => p.name === of.field);
      const paths = of.dependsOn.map((dep) => fields.find((f) => f.name === dep)?.param ?? dep);
      const holder = target?.type === 'fixedCollection' ? target.options[0].values[0] : target;
      if (holder?.typeOptions) holder.typeOptions.loadOptionsDependsOn = paths;
    }
    if (d.paging === 'continued') {
      const limitSchema = unwrap(schema.properties.limit ?? {}).s;
      top.push({ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false,
        description: 'Whether to return all results (follows `next` until `hasMore` is false) or only up to a given limit' });
      top.push({ displayName: 'Limit', name: 'limit', type: 'number',
        typeOptions: { minValue: limitSchema.minimum ?? 1, maxValue: limitSchema.maximum, numberPrecision: 0 },
        default: defaultOf(limitSchema, schema.properties.limit?.description) ?? 50,
        description: 'Max number of results to return', displayOptions: { show: { returnAll: [false] } } });
    }
    if (d.paging === 'continued' || d.paging === 'all') {
      top.push({ displayName: 'Split Into Items', name: 'splitItems', type: 'boolean', default: true,
        description: 'Whether to output one item per result, or the whole page as one item (with hasMore and next)' });
    }
    for (const p of top) properties.push({ ...p, displayOptions: { show } });
    if (optional.length) {
      properties.push({
        displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field',
        default: {}, displayOptions: { show }, options: optional.sort((a, b) => a.displayName.localeCompare(b.displayName)),
      });
    }
    catalog[d.name] = {
      title: d.title, group: d.group, effects: d.effects, paging: d.paging, fields,
      sampleOutput: d.sampleOutput,
      attachmentsField,
      // WORKAROUND (binary): recognised by shape, see isAttachmentList.
      binaryOutput: /attachment/.test(d.name) && d.effects.readOnly,
    };
  }
  // WORKAROUND (test action): the contract does not name it; the descriptor called test-connection.
  const testAction = actions.find((d) => d.name === 'test-connection')?.name;
  if (!testAction) throw new Error('no test-connection action: the credential test needs one');
  const description = {
    displayName: 'Help Scout (component)',
    name: NODE,
    icon: 'file:helpscout.svg',
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["operation"]}}',
    description: `Help Scout Mailbox API 2.0 through the helpscout-connector WebAssembly component ${version}`,
    defaults: { name: 'Help Scout' },
    inputs: ['main'],
    outputs: ['main'],
    usableAsTool: true,
    credentials: credentialRefs(),
    properties,
  };
  return { description, catalog, loadOptions, testAction, groups };
}

// ---------------------------------------------------------------- credentials

function authenticationProperty(auth) {
  // WORKAROUND (credential kinds → connection cases): the contract lists kinds but not which
  // `connection.credentials` case each becomes; mapped here: access-token → access-token,
  // client-credentials → client-credentials, authorization-code → access-token from n8n's OAuth2.
  const options = [];
  if (auth.kinds.includes('client-credentials') || auth.kinds.includes('access-token')) {
    options.push({ name: 'App Credentials or Access Token', value: 'appCredentials' });
  }
  if (auth.kinds.includes('authorization-code')) options.push({ name: 'OAuth2 (Authorization Code)', value: 'oAuth2' });
  return { displayName: 'Authentication', name: 'authentication', type: 'options', options, default: options[0].value };
}

function credentialRefs() {
  return [
    { name: CRED_APP, required: true, testedBy: 'testConnection', displayOptions: { show: { authentication: ['appCredentials'] } } },
    { name: CRED_OAUTH2, required: true, testedBy: 'testConnection', displayOptions: { show: { authentication: ['oAuth2'] } } },
  ];
}

const camel = (kebab) => kebab.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

function buildCredentials(auth) {
  const kinds = auth.kinds.filter((k) => k !== 'authorization-code');
  const kindLabel = { 'client-credentials': 'App ID and Secret (client credentials)', 'access-token': 'Access Token' };
  const app = {
    name: CRED_APP,
    displayName: 'Help Scout (component) API',
    documentationUrl: 'https://developer.helpscout.com/mailbox-api/overview/authentication/',
    properties: [
      { displayName: plain(auth.appSetup), name: 'setupNotice', type: 'notice', default: '' },
      { displayName: 'Credential Kind', name: 'kind', type: 'options',
        options: kinds.map((k) => ({ name: kindLabel[k] ?? k, value: k })), default: kinds[0] },
      ...auth.fields.filter((f) => f.usedBy.some((k) => kinds.includes(k))).map((f) => ({
        displayName: f.label, name: camel(f.name), type: 'string', default: '', required: true,
        description: plain(f.description),
        ...(f.secret ? { typeOptions: { password: true } } : {}),
        displayOptions: { show: { kind: f.usedBy.filter((k) => kinds.includes(k)) } },
      })),
      { displayName: 'Base URL', name: 'baseUrl', type: 'string', default: auth.defaultBaseUrl,
        description: 'The API server; the component may reach this host only' },
    ],
  };
  const appFields = Object.fromEntries(auth.fields.map((f) => [f.name, f]));
  const oauth2 = {
    name: CRED_OAUTH2,
    displayName: 'Help Scout (component) OAuth2 API',
    extends: ['oAuth2Api'],
    documentationUrl: 'https://developer.helpscout.com/mailbox-api/overview/authentication/',
    properties: [
      { displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
      { displayName: 'Base URL', name: 'baseUrl', type: 'string', default: auth.defaultBaseUrl,
        description: 'The API server; the component may reach this host only' },
      { displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: auth.authorizeUrl },
      { displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: auth.defaultBaseUrl + auth.tokenPath,
        description: `Base URL + ${auth.tokenPath}` },
      { displayName: 'Scope', name: 'scope', type: 'hidden', default: (auth.scopes ?? []).join(' ') },
      { displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
      { displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
      ...(appFields['client-id'] ? [{ displayName: appFields['client-id'].label, name: 'clientId', type: 'string', default: '', required: true, description: plain(appFields['client-id'].description) }] : []),
      ...(appFields['client-secret'] ? [{ displayName: appFields['client-secret'].label, name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '', required: true, description: plain(appFields['client-secret'].description) }] : []),
    ],
  };
  return { app, oauth2, meta: { tokenLifetimeSeconds: Number(auth.tokenLifetimeSeconds), refreshTokenRotates: auth.refreshTokenRotates, tokenPath: auth.tokenPath } };
}

// ---------------------------------------------------------------- triggers

function buildTriggers(describe, auth, version) {
  const triggers = describe.filter((d) => d.kind === 'trigger');
  const pollable = triggers.filter((d) => d.trigger?.pollable ?? d.pollable);
  const sub = describe.find((d) => d.name === 'subscribe-webhook');
  const triggerOption = (d) => ({
    name: d.title, value: d.name,
    description: `${plain(d.description).split(/(?<=\.)\s/)[0]} (Help Scout event ${d.trigger?.event ?? d.event})`,
  });
  const webhook = {
    displayName: 'Help Scout (component) Trigger',
    name: `${NODE}Trigger`,
    icon: 'file:helpscout.svg',
    group: ['trigger'],
    version: 1,
    subtitle: '={{$parameter["events"].join(", ")}}',
    description: `Starts the workflow on Help Scout webhooks, verified by the helpscout-connector component ${version}`,
    defaults: { name: 'Help Scout Trigger' },
    inputs: [],
    outputs: ['main'],
    credentials: credentialRefs(),
    webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
    properties: [
      authenticationProperty(auth),
      { displayName: 'Events', name: 'events', type: 'multiOptions', required: true,
        options: triggers.map(triggerOption), default: [triggers[0].name],
        description: 'The triggers this node fires on; each webhook URL has one Help Scout webhook and one secret, kept in the workflow\'s static data' },
      { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {},
        options: [
          { displayName: 'Mailboxes', name: 'mailboxIds', type: 'multiOptions', default: [],
            typeOptions: { loadOptionsMethod: 'o_subscribe-webhook_mailboxIds' },
            description: 'Only conversation events of these mailboxes (default: all)' },
          { displayName: 'Label', name: 'label', type: 'string', default: '', description: 'The webhook\'s label in Help Scout' },
        ] },
    ],
  };
  const pollInput = unwrap(pollable[0]?.inputSchema ?? {}).s;
  const poll = {
    displayName: 'Help Scout (component) Polling Trigger',
    name: `${NODE}PollTrigger`,
    icon: 'file:helpscout.svg',
    group: ['trigger'],
    version: 1,
    subtitle: '={{$parameter["trigger"]}}',
    description: `Polls Help Scout through the helpscout-connector component ${version}; the cursor is kept in the workflow's static data, so no event repeats or is lost`,
    defaults: { name: 'Help Scout Polling Trigger' },
    inputs: [],
    outputs: ['main'],
    polling: true,
    credentials: credentialRefs(),
    properties: [
      authenticationProperty(auth),
      { displayName: 'Trigger', name: 'trigger', type: 'options', options: pollable.map(triggerOption),
        default: pollable[0]?.name, required: true },
      { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {},
        options: ['since', 'limit', 'scanLimit'].filter((k) => pollInput.properties?.[k]).map((k) =>
          fieldProperty(pollable[0], k, pollInput.properties[k], false, [], {}).prop) },
    ],
  };
  return { webhook, poll, triggers: triggers.map((d) => ({ name: d.name, event: d.trigger?.event ?? d.event, pollable: d.trigger?.pollable ?? d.pollable })), pollable: pollable.length, hasSubscribe: !!sub };
}

// ---------------------------------------------------------------- all

export function buildAll({ describe, auth, staticOptions, version }) {
  // Descriptors as jco gives them: schemas as JSON text; as `host-test actions` gives them: objects.
  const ds = describe.map((d) => ({
    ...d,
    inputSchema: typeof d.inputSchema === 'string' ? JSON.parse(d.inputSchema) : d.inputSchema,
    outputSchema: typeof d.outputSchema === 'string' ? JSON.parse(d.outputSchema) : d.outputSchema,
    sampleOutput: typeof d.sampleOutput === 'string' ? JSON.parse(d.sampleOutput) : d.sampleOutput,
  }));
  const node = buildActionNode(ds, staticOptions, auth, version);
  const trig = buildTriggers(ds, auth, version);
  const creds = buildCredentials(auth);
  const runtime = {
    version,
    testAction: node.testAction,
    loadOptions: node.loadOptions,
    actions: node.catalog,
    triggers: trig.triggers,
    auth: creds.meta,
    credentials: { app: CRED_APP, oauth2: CRED_OAUTH2 },
  };
  const files = {
    'generated/catalog.json': runtime,
    'generated/HelpScout.description.json': node.description,
    'generated/HelpScoutTrigger.description.json': trig.webhook,
    'generated/HelpScoutPollTrigger.description.json': trig.poll,
    'generated/HelpScoutComponentApi.credentials.json': creds.app,
    'generated/HelpScoutComponentOAuth2Api.credentials.json': creds.oauth2,
  };
  const readme = `# n8n-nodes-helpscout ${version}\n\nGenerated from the helpscout-connector WebAssembly component ` +
    `(catalog.describe, auth.describe, catalog.options): ${Object.keys(node.catalog).length} operations in ` +
    `${node.groups.length} resources, a webhook trigger (${trig.triggers.length} triggers) and a polling trigger ` +
    `(${trig.pollable}). The component runs through jco in a worker thread, with a deadline, a memory cap and ` +
    `an allow-list of the credential's host.\n\nInstall: \`npm install n8n-nodes-helpscout-${version}.tgz\` in ` +
    `\`~/.n8n/nodes\`, then restart n8n.\n`;
  return {
    files,
    nodeFiles: ['nodes/HelpScout/HelpScout.node.js', 'nodes/HelpScoutTrigger/HelpScoutTrigger.node.js', 'nodes/HelpScoutPollTrigger/HelpScoutPollTrigger.node.js'],
    credentialFiles: ['credentials/HelpScoutComponentApi.credentials.js', 'credentials/HelpScoutComponentOAuth2Api.credentials.js'],
    readme,
    summary: {
      actions: Object.keys(node.catalog).length, resources: node.groups.length,
      pollable: trig.pollable, triggers: trig.triggers.length, loadOptions: node.loadOptions.length,
    },
  };
}
