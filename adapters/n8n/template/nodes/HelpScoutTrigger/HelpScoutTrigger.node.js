'use strict';
// The webhook trigger: n8n's webhook methods over the component's subscribe-webhook /
// unsubscribe-webhook / list-webhooks, and each delivery verified by triggers.verify-webhook (the
// exact raw body, the headers, the secrets stored for this URL). One URL per node, so one Help
// Scout webhook and one secret per node, kept in the workflow's static data.
const description = require('../../generated/HelpScoutTrigger.description.json');
const g = require('../../runtime/glue');

async function invoke(ctx, action, input) {
  try {
    return await g.call(ctx, 'invoke', [action, JSON.stringify(input)]);
  } catch (e) {
    throw g.toNodeError(ctx.getNode(), e);
  }
}

class HelpScoutTrigger {
  constructor() {
    this.description = description;
    this.methods = {
      loadOptions: g.loadOptionsMethods(),
      resourceMapping: g.resourceMappingMethods(),
      credentialTest: { testConnection: g.testConnection },
    };
    this.webhookMethods = {
      default: {
        async checkExists() {
          const data = this.getWorkflowStaticData('node');
          const url = this.getNodeWebhookUrl('default');
          const events = this.getNodeParameter('events');
          if (!data.secret || !data.webhookId || data.url !== url) return false;
          const listed = (await invoke(this, 'list-webhooks', {})).items ?? [];
          const mine = listed.find((w) => w.id === data.webhookId && w.url === url);
          if (!mine) return false;
          // The node's triggers must all be delivered (trigger names map to events).
          const wanted = g.catalog.triggers.filter((t) => events.includes(t.name)).map((t) => t.event);
          return wanted.every((e) => mine.events.includes(e));
        },
        async create() {
          const data = this.getWorkflowStaticData('node');
          const url = this.getNodeWebhookUrl('default');
          const events = this.getNodeParameter('events');
          const options = this.getNodeParameter('options', {});
          const input = { url, events };
          if (options.mailboxIds?.length) input.mailboxIds = options.mailboxIds;
          if (options.label) input.label = options.label;
          if (data.secret && data.url === url) input.secret = data.secret;
          let sub;
          try {
            sub = await g.call(this, 'invoke', ['subscribe-webhook', JSON.stringify(input)]);
          } catch (e) {
            // The URL is registered but its secret is not ours (static data lost): take it over.
            if (e.componentError?.tag !== 'conflict') throw g.toNodeError(this.getNode(), e);
            sub = await invoke(this, 'subscribe-webhook', { ...input, secret: undefined, rotateSecret: true });
          }
          data.webhookId = sub.id;
          data.url = url;
          if (sub.secret) data.secret = sub.secret;
          return true;
        },
        async delete() {
          const data = this.getWorkflowStaticData('node');
          if (data.webhookId) {
            try {
              await g.call(this, 'invoke', ['unsubscribe-webhook', JSON.stringify({ id: data.webhookId })]);
            } catch (e) {
              if (e.componentError?.tag !== 'not-found') return false;
            }
          }
          delete data.webhookId;
          delete data.secret;
          delete data.url;
          return true;
        },
      },
    };
  }

  async webhook() {
    const req = this.getRequestObject();
    const res = this.getResponseObject();
    const data = this.getWorkflowStaticData('node');
    const raw = Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? {}));
    const headers = [];
    for (const [k, v] of Object.entries(req.headers)) {
      for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined) headers.push([k, String(one)]);
    }
    const secrets = [data.secret, ...(data.previousSecrets ?? [])].filter(Boolean);
    let verified;
    try {
      ({ value: verified } = await g.host.call('verifyWebhook', [{ body: raw, headers, secrets }], { allow: [] }));
    } catch (e) {
      const tag = e.componentError?.tag;
      // 401 for a bad signature (Help Scout retries; an attacker learns nothing), 400 for a malformed body.
      res.status(tag === 'invalid-signature' ? 401 : tag === 'validation' ? 400 : 500).json({ error: tag ?? 'error' });
      return { noWebhookResponse: true };
    }
    const ev = g.eventJson(verified.event);
    const events = this.getNodeParameter('events');
    // Verified, but not one of this node's triggers (helpscout.test, events added later): 200, no run.
    if (!ev.trigger || !events.includes(ev.trigger)) return { webhookResponse: { received: true, fired: false } };
    return { workflowData: [[{ json: { ...ev, secretIndex: verified.secretIndex } }]] };
  }
}

module.exports = { HelpScoutTrigger };
