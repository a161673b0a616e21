'use strict';
// The regular node: one operation per catalog action (resource = the descriptor's group). Its
// description is generated from catalog.describe() (generated/HelpScout.description.json); this
// file is the generic part: parameters → JSON input, catalog.invoke in a worker, output → items.
const description = require('../../generated/HelpScout.description.json');
const g = require('../../runtime/glue');

class HelpScout {
  constructor() {
    this.description = description;
    this.methods = {
      loadOptions: g.loadOptionsMethods(),
      resourceMapping: g.resourceMappingMethods(),
      credentialTest: { testConnection: g.testConnection },
    };
  }

  async execute() {
    const items = this.getInputData();
    const out = [];
    for (let i = 0; i < items.length; i++) {
      const action = this.getNodeParameter('operation', i);
      const entry = g.catalog.actions[action];
      try {
        const get = (name, d) => this.getNodeParameter(name, i, d);
        const input = g.buildInput(action, get);
        const fromBinary = entry.attachmentsField && this.getNodeParameter('additionalFields', i, {}).attachmentsFromBinary;
        if (fromBinary) {
          // n8n binary properties → the action's files [{fileName, mimeType, data: base64}].
          const files = [];
          for (const prop of String(fromBinary).split(',').map((p) => p.trim()).filter(Boolean)) {
            const meta = this.helpers.assertBinaryData(i, prop);
            const buf = await this.helpers.getBinaryDataBuffer(i, prop);
            files.push({ fileName: meta.fileName ?? `${prop}.bin`, mimeType: meta.mimeType ?? 'application/octet-stream', data: buf.toString('base64') });
          }
          input[entry.attachmentsField] = [...(input[entry.attachmentsField] ?? []), ...files];
        }
        if (entry.paging === 'continued') {
          const returnAll = this.getNodeParameter('returnAll', i, false);
          const split = this.getNodeParameter('splitItems', i, true);
          const results = [];
          let page;
          if (returnAll) {
            // "Return All": the same input with `next` until hasMore is false.
            let next;
            do {
              page = await g.call(this, 'invoke', [action, JSON.stringify(next ? { ...input, next } : input)], i);
              results.push(...page.items);
              next = page.hasMore ? page.next : undefined;
            } while (next);
          } else {
            page = await g.call(this, 'invoke', [action, JSON.stringify({ ...input, limit: this.getNodeParameter('limit', i) })], i);
            results.push(...page.items);
          }
          if (split) for (const r of results) out.push({ json: r, pairedItem: { item: i } });
          else out.push({ json: { items: results, hasMore: returnAll ? false : page.hasMore, next: returnAll ? undefined : page.next }, pairedItem: { item: i } });
          continue;
        }
        const result = await g.call(this, 'invoke', [action, JSON.stringify(input)], i);
        if (entry.paging === 'all' && this.getNodeParameter('splitItems', i, true) && Array.isArray(result?.items)) {
          for (const r of result.items) out.push({ json: r, pairedItem: { item: i } });
        } else if (entry.binaryOutput && result && typeof result.data === 'string') {
          // Base64 file data (`contentEncoding`) handed over as n8n binary data; WORKAROUND: no file
          // name or media type in the output, so `attachment-ID`.
          const { data, ...rest } = result;
          const name = rest.fileName ?? rest.filename ?? `attachment-${rest.id ?? 'data'}`;
          const binary = await this.helpers.prepareBinaryData(Buffer.from(data, 'base64'), name, rest.mimeType);
          out.push({ json: rest, binary: { data: binary }, pairedItem: { item: i } });
        } else {
          out.push({ json: result !== null && typeof result === 'object' && !Array.isArray(result) ? result : { result }, pairedItem: { item: i } });
        }
      } catch (e) {
        if (this.continueOnFail()) {
          out.push({ json: g.errorJson(e), pairedItem: { item: i } });
          continue;
        }
        throw g.toNodeError(this.getNode(), e.badJson ? Object.assign(e, { message: `${e.field}: ${e.message}` }) : e, i);
      }
    }
    return [out];
  }
}

module.exports = { HelpScout };
