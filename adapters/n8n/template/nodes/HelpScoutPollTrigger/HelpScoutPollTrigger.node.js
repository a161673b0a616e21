'use strict';
// The polling trigger: invokes a pollable trigger by name with the cursor of the previous poll,
// kept in the workflow's static data (per node), so each change fires once: no repeat, no loss.
const description = require('../../generated/HelpScoutPollTrigger.description.json');
const g = require('../../runtime/glue');

class HelpScoutPollTrigger {
  constructor() {
    this.description = description;
    this.methods = {
      loadOptions: g.loadOptionsMethods(),
      resourceMapping: g.resourceMappingMethods(),
      credentialTest: { testConnection: g.testConnection },
    };
  }

  async poll() {
    const trigger = this.getNodeParameter('trigger');
    const options = this.getNodeParameter('options', {});
    const data = this.getWorkflowStaticData('node');
    const manual = this.getMode() === 'manual';
    // A cursor belongs to one trigger: a changed trigger starts afresh.
    const cursor = data.trigger === trigger ? data.cursor : undefined;
    const input = { cursor: cursor ?? null };
    if (options.limit) input.limit = options.limit;
    if (options.scanLimit) input.scanLimit = options.scanLimit;
    if (!cursor && options.since) input.since = g.toInstant(options.since);
    // A manual test run with no cursor looks back a day, to show what the trigger gives.
    if (!cursor && manual && !input.since) input.since = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    let out;
    try {
      out = await g.call(this, 'invoke', [trigger, JSON.stringify(input)]);
    } catch (e) {
      throw g.toNodeError(this.getNode(), e);
    }
    if (!manual) {
      data.trigger = trigger;
      data.cursor = out.cursor;
    }
    const events = (out.events ?? []).map(g.eventJson);
    if (!events.length) return null;
    return [events.map((json) => ({ json }))];
  }
}

module.exports = { HelpScoutPollTrigger };
