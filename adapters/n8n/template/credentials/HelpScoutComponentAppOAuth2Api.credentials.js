'use strict';
// Built from auth.describe() at generation time: the client-credentials kind as n8n's own OAuth2
// grant (n8n mints the token at {base-url}{token-path}, stores it encrypted in this credential for
// every process, and mints again on a 401), with the component's client authentication.
const d = require('../generated/HelpScoutComponentAppOAuth2Api.credentials.json');

class HelpScoutComponentAppOAuth2Api {
  constructor() {
    Object.assign(this, d);
  }
}
module.exports = { HelpScoutComponentAppOAuth2Api };
