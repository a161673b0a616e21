'use strict';
// Built from auth.describe() at generation time: n8n's OAuth2 flow (authorization code, refresh with
// the rotated refresh token stored by n8n) with Help Scout's URLs and client authentication.
const d = require('../generated/HelpScoutComponentOAuth2Api.credentials.json');

class HelpScoutComponentOAuth2Api {
  constructor() {
    Object.assign(this, d);
  }
}
module.exports = { HelpScoutComponentOAuth2Api };
