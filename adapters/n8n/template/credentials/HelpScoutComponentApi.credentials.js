'use strict';
// Built from auth.describe() at generation time (generated/HelpScoutComponentApi.credentials.json).
const d = require('../generated/HelpScoutComponentApi.credentials.json');

class HelpScoutComponentApi {
  constructor() {
    Object.assign(this, d);
  }
}
module.exports = { HelpScoutComponentApi };
