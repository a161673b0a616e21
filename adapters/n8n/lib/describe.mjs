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
export const CRED_CLIENT = 'helpScoutComponentAppOAuth2Api';
/** Titles of catalog entries by name (enum values that name a trigger are shown by title). */
let TITLES = {};
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

/** An instant: `format: date-time`; WORKAROUND for builds without it: the instant pattern. */
function isInstant(s) {
  if (s.format === 'date-time') return true;
  return s.type === 'string' && typeof s.pattern === 'string' && /T/.test(s.pattern) && /\\d\{2\}:/.test(s.pattern);
}

/** The schema's `default` (a `null` or empty-list default is no default). */
function defaultOf(s) {
  if (s.default !== undefined && s.default !== null && !(Array.isArray(s.default) && s.default.length === 0)) return s.default;
  return undefined;
}

/** Files: `data` with `contentEncoding: base64`; WORKAROUND for builds without it: by shape. */
function isAttachmentList(s) {
  const p = s.items?.properties;
  if (s.type !== 'array' || !p?.data) return false;
  if (p.data.contentEncoding === 'base64') return true; // declared since the contract's 0.3.x
  return ('fileName' in p || 'filename' in p) && 'mimeType' in p;
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

  if (of?.definitions) {
    // Field definitions ({value: id, label, type, required, options}): n8n's resource mapper,
    // one input per custom field, sent as [{id, value}].
    conv = { type: 'mapper' };
    // What a value looks like in each field type (dates, numbers): the value's own description.
    const valueText = plain(s.items?.properties?.value?.description).replace(/\s+/g, ' ');
    if (valueText) description = `${description ? description + ' ' : ''}Values: ${valueText}`;
    prop = {
      ...base, type: 'resourceMapper', noDataExpression: true,
      default: { mappingMode: 'defineBelow', value: null },
      typeOptions: {
        resourceMapper: {
          resourceMapperMethod: `rm_${d.name}_${name}`, mode: 'add', addAllFields: false, multiKeyMatch: false,
          supportAutoMap: false, fieldWords: { singular: 'field', plural: 'fields' },
          noFieldsError: 'No custom fields: choose a mailbox (or a conversation) first',
        },
      },
    };
  } else if (of && isIdValueList(s)) {
    // Custom fields, WORKAROUND for builds without `definitions`: repeated {field dropdown, value}
    // pairs.
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
    else {
      // Fixed choices: the schema's `enum` (on the items of a list); catalog.options' answer only
      // for builds whose schema has none (WORKAROUND). A value naming a catalog entry (a trigger)
      // is shown by its title.
      const listed = (s.enum ?? unwrap(s.items ?? {}).s.enum)?.filter((v) => v !== null);
      options = (listed?.length ? listed.map((v) => ({ value: v, label: TITLES[v] ? `${TITLES[v]} (${v})` : String(v) })) : fixed ?? [])
        .map((o) => ({ name: o.label, value: o.value }));
    }
    conv = { type: many ? 'list' : 'scalar', id: isId(s) || isIdOrIdList(s) || isId(s.items ?? {}) };
    prop = {
      ...base, type: many ? 'multiOptions' : 'options',
      ...(options ? { options } : { typeOptions }),
      default: many ? [] : (options && required ? options[0]?.value ?? '' : ''),
    };
    if (of.fetched) description = `${description ? description + ' ' : ''}Choose from the list, or specify ${many ? 'IDs' : 'an ID'} using an expression.`.trim();
  } else if (s.type === 'boolean') {
    conv = { type: 'boolean' };
    prop = { ...base, type: 'boolean', default: defaultOf(s) ?? false };
  } else if (s.type === 'integer' || s.type === 'number') {
    conv = { type: 'number' };
    const typeOptions = {};
    if (s.minimum !== undefined) typeOptions.minValue = s.minimum;
    if (s.maximum !== undefined) typeOptions.maxValue = s.maximum;
    if (s.type === 'integer') typeOptions.numberPrecision = 0;
    prop = { ...base, type: 'number', typeOptions, default: defaultOf(s) ?? (s.minimum ?? 0) };
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
  const resourceMappers = [];
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
      if (fs.deprecated || /deprecated/i.test(fs.description ?? '')) continue; // aliases kept for old callers
      if (RESERVED.has(name) && !(name === 'limit')) throw new Error(`${d.name}: input field ${name} clashes with a node parameter`);
      if (d.paging === 'continued' && (name === 'limit' || name === 'next')) continue;
      const { prop, conv } = fieldProperty(d, name, fs, required.has(name), d.optionFields, staticOptions);
      // A resource mapper cannot live inside a collection: it goes to the top.
      const isTop = required.has(name) || conv.type === 'mapper';
      (isTop ? top : optional).push(prop);
      fields.push({ name, param: isTop ? name : `additionalFields.${name}`, conv, required: required.has(name), top: isTop });
      if (conv.attachments) {
        // n8n's binary data wired into base64 file data.
        optional.push({ displayName: `${prop.displayName} From Binary Properties`, name: 'attachmentsFromBinary', type: 'string', default: '',
          placeholder: 'e.g. data, invoice', description: `Input binary properties to send as ${name} (added to any given as JSON)` });
        attachmentsField = name;
      }
      const of = d.optionFields.find((f) => f.field === name);
      if (of?.definitions) resourceMappers.push({ method: `rm_${d.name}_${name}`, action: d.name, field: name });
      else if (of?.fetched) loadOptions.push({ method: `o_${d.name}_${name}`, action: d.name, field: name });
    }
    // Dependent dropdowns: n8n reloads a dropdown when a parameter it names changes.
    for (const of of d.optionFields.filter((f) => f.dependsOn.length)) {
      const target = [...top, ...optional].find((p) => p.name === of.field);
      const paths = of.dependsOn.map((dep) => fields.find((f) => f.name === dep)?.param ?? dep);
      const holder = target?.type === 'fixedCollection' ? target.options[0].values[0] : target;
      if (holder && !holder.typeOptions) holder.typeOptions = {};
      if (holder?.typeOptions) holder.typeOptions.loadOptionsDependsOn = paths;
    }
    if (d.paging === 'continued') {
      const limitSchema = unwrap(schema.properties.limit ?? {}).s;
      top.push({ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false,
        description: 'Whether to return all results (follows `next` until `hasMore` is false) or only up to a given limit' });
      top.push({ displayName: 'Limit', name: 'limit', type: 'number',
        typeOptions: { minValue: limitSchema.minimum ?? 1, maxValue: limitSchema.maximum, numberPrecision: 0 },
        default: defaultOf(limitSchema) ?? 50,
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
      // Base64 file data in the output (`contentEncoding`), handed to n8n as binary data.
      binaryOutput: d.outputSchema?.properties?.data?.contentEncoding === 'base64' || (/attachment/.test(d.name) && d.effects.readOnly),
    };
  }
  // The action a credential test runs: auth.describe().testAction; WORKAROUND for builds without
  // it: the descriptor called test-connection.
  const testAction = actions.find((d) => d.name === (auth.testAction || 'test-connection'))?.name;
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
    credentials: credentialRefs(auth),
    properties,
  };
  return { description, catalog, loadOptions, resourceMappers, testAction, groups };
}

// ---------------------------------------------------------------- credentials

/** Each credential kind's `connection.credentials` case: auth.describe().mappings; WORKAROUND for
 *  builds without them: by name (authorization-code gives an access token). */
function connectionCases(auth) {
  const cases = Object.fromEntries((auth.mappings ?? []).map((m) => [m.kind, m.connectionCase]));
  for (const k of auth.kinds) cases[k] ??= k === 'client-credentials' ? 'client-credentials' : 'access-token';
  return cases;
}

/** n8n's OAuth2 `authentication` (how the token endpoint takes the client) from
 *  auth.describe().clientAuthentication; WORKAROUND for builds without it: `body` (Help Scout's). */
const OAUTH2_CLIENT_AUTH = { 'request-body': 'body', 'basic-header': 'header' };
const oauth2ClientAuth = (auth) => OAUTH2_CLIENT_AUTH[auth.clientAuthentication] ?? 'body';

/** Which kinds n8n's own OAuth2 credential runs: authorization code always; client credentials when
 *  the component declares its client authentication (then n8n mints, stores and re-mints the token
 *  for every process). The others are fields the component takes as they are. */
function credentialPlan(auth) {
  const clientByN8n = auth.kinds.includes('client-credentials') && auth.clientAuthentication !== undefined;
  const direct = auth.kinds.filter((k) => k !== 'authorization-code' && !(k === 'client-credentials' && clientByN8n));
  return { clientByN8n, direct, authorizationCode: auth.kinds.includes('authorization-code') };
}

/** The node's "Authentication" choices, each with its credential type. The default stays
 *  `appCredentials` (the credential of the direct kinds): workflows store only non-default values. */
function authenticationChoices(auth) {
  const plan = credentialPlan(auth);
  const label = { 'client-credentials': 'App ID and Secret', 'access-token': 'Access Token' };
  const choices = [];
  if (plan.direct.length) choices.push({ name: plan.direct.map((k) => label[k] ?? k).join(' or '), value: 'appCredentials', credential: CRED_APP });
  if (plan.clientByN8n) choices.push({ name: 'App ID and Secret (OAuth2 Client Credentials)', value: 'clientCredentials', credential: CRED_CLIENT });
  if (plan.authorizationCode) choices.push({ name: 'OAuth2 (Authorization Code)', value: 'oAuth2', credential: CRED_OAUTH2 });
  return choices;
}

function authenticationProperty(auth) {
  const options = authenticationChoices(auth).map(({ name, value }) => ({ name, value }));
  return { displayName: 'Authentication', name: 'authentication', type: 'options', options, default: options[0].value };
}

/** The credential "Test" runs the component's test action for the direct kinds; n8n tests its
 *  OAuth2 credentials itself (a stored access token) and ignores `testedBy` for them. */
function credentialRefs(auth) {
  return authenticationChoices(auth).map((c) => ({
    name: c.credential, required: true, ...(c.credential === CRED_APP ? { testedBy: 'testConnection' } : {}),
    displayOptions: { show: { authentication: [c.value] } },
  }));
}

const camel = (kebab) => kebab.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** The App ID and secret fields of n8n's OAuth2 credentials, labelled as auth.describe() has them. */
function oauth2ClientFields(auth) {
  const appFields = Object.fromEntries(auth.fields.map((f) => [f.name, f]));
  return [
    ...(appFields['client-id'] ? [{ displayName: appFields['client-id'].label, name: 'clientId', type: 'string', default: '', required: true, description: plain(appFields['client-id'].description) }] : []),
    ...(appFields['client-secret'] ? [{ displayName: appFields['client-secret'].label, name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '', required: true, description: plain(appFields['client-secret'].description) }] : []),
  ];
}

function buildCredentials(auth) {
  const plan = credentialPlan(auth);
  const kinds = plan.direct;
  const kindLabel = { 'client-credentials': 'App ID and Secret (client credentials)', 'access-token': 'Access Token' };
  const baseUrl = { displayName: 'Base URL', name: 'baseUrl', type: 'string', default: auth.defaultBaseUrl,
    description: 'The API server; the component may reach this host only' };
  const app = kinds.length ? {
    name: CRED_APP,
    displayName: `Help Scout (component) ${kinds.map((k) => kindLabel[k] ?? k).join(' or ')} API`,
    documentationUrl: 'https://developer.helpscout.com/mailbox-api/overview/authentication/',
    properties: [
      ...(kinds.includes('client-credentials') ? [{ displayName: plain(auth.appSetup), name: 'setupNotice', type: 'notice', default: '' }] : []),
      // One kind: fixed (hidden); several: a choice.
      kinds.length > 1
        ? { displayName: 'Credential Kind', name: 'kind', type: 'options', options: kinds.map((k) => ({ name: kindLabel[k] ?? k, value: k })), default: kinds[0] }
        : { displayName: 'Credential Kind', name: 'kind', type: 'hidden', default: kinds[0] },
      ...auth.fields.filter((f) => f.usedBy.some((k) => kinds.includes(k))).map((f) => ({
        displayName: f.label, name: camel(f.name), type: 'string', default: '', required: true,
        description: plain(f.description),
        ...(f.secret ? { typeOptions: { password: true } } : {}),
        ...(kinds.length > 1 ? { displayOptions: { show: { kind: f.usedBy.filter((k) => kinds.includes(k)) } } } : {}),
      })),
      baseUrl,
    ],
  } : null;
  const tokenUrl = { displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: auth.defaultBaseUrl + auth.tokenPath,
    description: `Base URL + ${auth.tokenPath}` };
  const oauth2 = plan.authorizationCode ? {
    name: CRED_OAUTH2,
    displayName: 'Help Scout (component) OAuth2 API',
    extends: ['oAuth2Api'],
    documentationUrl: 'https://developer.helpscout.com/mailbox-api/overview/authentication/',
    properties: [
      { displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
      baseUrl,
      { displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: auth.authorizeUrl },
      tokenUrl,
      { displayName: 'Scope', name: 'scope', type: 'hidden', default: (auth.scopes ?? []).join(' ') },
      { displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
      { displayName: 'Authentication', name: 'authentication', type: 'hidden', default: oauth2ClientAuth(auth) },
      ...oauth2ClientFields(auth),
    ],
  } : null;
  // Client credentials as n8n's own OAuth2 grant: n8n mints the token at {base-url}{token-path},
  // keeps it encrypted in the credential (shared by every process: main, `n8n execute`, queue
  // workers) and mints again on a 401; the node passes it as the connection's access token.
  const client = plan.clientByN8n ? {
    name: CRED_CLIENT,
    displayName: 'Help Scout (component) App OAuth2 API (client credentials)',
    extends: ['oAuth2Api'],
    documentationUrl: 'https://developer.helpscout.com/mailbox-api/overview/authentication/',
    properties: [
      { displayName: plain(auth.appSetup), name: 'setupNotice', type: 'notice', default: '' },
      { displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
      baseUrl,
      tokenUrl,
      { displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: '' },
      { displayName: 'Scope', name: 'scope', type: 'hidden', default: (auth.scopes ?? []).join(' ') },
      { displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
      { displayName: 'Authentication', name: 'authentication', type: 'hidden', default: oauth2ClientAuth(auth) },
      { displayName: 'Send Additional Body Properties', name: 'sendAdditionalBodyProperties', type: 'hidden', default: false },
      { displayName: 'Additional Body Properties', name: 'additionalBodyProperties', type: 'hidden', default: '' },
      ...oauth2ClientFields(auth),
    ],
  } : null;
  return {
    app, oauth2, client,
    meta: { defaultBaseUrl: auth.defaultBaseUrl, tokenLifetimeSeconds: Number(auth.tokenLifetimeSeconds), refreshTokenRotates: auth.refreshTokenRotates, tokenPath: auth.tokenPath, clientAuthentication: auth.clientAuthentication ?? null },
  };
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
    credentials: credentialRefs(auth),
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
    credentials: credentialRefs(auth),
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
  TITLES = Object.fromEntries(ds.map((d) => [d.name, d.title]));
  const node = buildActionNode(ds, staticOptions, auth, version);
  const trig = buildTriggers(ds, auth, version);
  const creds = buildCredentials(auth);
  const runtime = {
    version,
    testAction: node.testAction,
    connectionCases: connectionCases(auth),
    loadOptions: node.loadOptions,
    resourceMappers: node.resourceMappers,
    actions: node.catalog,
    triggers: trig.triggers,
    auth: creds.meta,
    // The node's `authentication` values → credential types, and which of them n8n's OAuth2 runs.
    authentication: Object.fromEntries(authenticationChoices(auth).map((c) => [c.value, c.credential])),
    credentials: { app: CRED_APP, oauth2: CRED_OAUTH2, client: CRED_CLIENT },
    oauth2Credentials: [CRED_OAUTH2, CRED_CLIENT],
  };
  const files = {
    'generated/catalog.json': runtime,
    'generated/HelpScout.description.json': node.description,
    'generated/HelpScoutTrigger.description.json': trig.webhook,
    'generated/HelpScoutPollTrigger.description.json': trig.poll,
  };
  const credentialFiles = [];
  for (const [c, file] of [[creds.app, 'HelpScoutComponentApi'], [creds.client, 'HelpScoutComponentAppOAuth2Api'], [creds.oauth2, 'HelpScoutComponentOAuth2Api']]) {
    if (!c) continue;
    files[`generated/${file}.credentials.json`] = c;
    credentialFiles.push(`credentials/${file}.credentials.js`);
  }
  const readme = `# n8n-nodes-helpscout ${version}\n\nGenerated from the helpscout-connector WebAssembly component ` +
    `(catalog.describe, auth.describe, catalog.options): ${Object.keys(node.catalog).length} operations in ` +
    `${node.groups.length} resources, a webhook trigger (${trig.triggers.length} triggers) and a polling trigger ` +
    `(${trig.pollable}). The component runs through jco in a worker thread, with a deadline, a memory cap and ` +
    `an allow-list of the credential's host.\n\nInstall: \`npm install n8n-nodes-helpscout-${version}.tgz\` in ` +
    `\`~/.n8n/nodes\`, then restart n8n.\n`;
  return {
    files,
    nodeFiles: ['nodes/HelpScout/HelpScout.node.js', 'nodes/HelpScoutTrigger/HelpScoutTrigger.node.js', 'nodes/HelpScoutPollTrigger/HelpScoutPollTrigger.node.js'],
    credentialFiles,
    readme,
    summary: {
      actions: Object.keys(node.catalog).length, resources: node.groups.length,
      pollable: trig.pollable, triggers: trig.triggers.length, loadOptions: node.loadOptions.length,
      resourceMappers: node.resourceMappers.length, credentials: credentialFiles.length,
    },
  };
}
