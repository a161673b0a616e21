//! Customer records: the customer entity, its entries (emails, phones, chats, social profiles,
//! websites), address and property values, plus the customer-property definitions.

/// An email, phone, chat handle, social profile or website of a customer (`type` empty for websites).
#[derive(Clone)]
pub struct Entry {
    pub id: u64,
    pub value: String,
    pub kind: String,
}

#[derive(Clone)]
pub struct Address {
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub country: String,
    pub lines: Vec<String>,
}

#[derive(Clone)]
pub struct Property {
    pub kind: &'static str,
    pub slug: String,
    pub name: String,
    pub value: String,
    pub text: String,
}

#[derive(Clone, Default)]
pub struct Customer {
    pub id: u64,
    pub first_name: String,
    pub last_name: String,
    pub gender: String,
    pub job_title: String,
    pub location: String,
    pub organization: String,
    /// `organizationId` (Create Customer; `organization` is deprecated in its favour).
    pub organization_id: Option<u64>,
    pub photo_type: String,
    pub photo_url: String,
    pub age: Option<String>,
    pub background: String,
    pub created_at: i64,
    /// `updatedAt`; also what `modifiedSince`/`modifiedAt` filter on.
    pub updated_at: i64,
    pub emails: Vec<Entry>,
    pub phones: Vec<Entry>,
    pub chats: Vec<Entry>,
    pub social_profiles: Vec<Entry>,
    pub websites: Vec<Entry>,
    pub address: Option<Address>,
    pub properties: Vec<Property>,
}

impl Customer {
    pub fn primary_email(&self) -> Option<&str> {
        self.emails.first().map(|e| e.value.as_str())
    }
}

/// The entry collections of a customer, as named in URLs (`social-profiles`) and JSON Patch paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Email,
    Phone,
    Chat,
    Social,
    Website,
}

impl EntryKind {
    pub const ALL: [EntryKind; 5] = [
        EntryKind::Email,
        EntryKind::Phone,
        EntryKind::Chat,
        EntryKind::Social,
        EntryKind::Website,
    ];

    /// URL segment and HAL rel of the entry endpoints.
    pub fn rel(self) -> &'static str {
        match self {
            EntryKind::Email => "emails",
            EntryKind::Phone => "phones",
            EntryKind::Chat => "chats",
            EntryKind::Social => "social-profiles",
            EntryKind::Website => "websites",
        }
    }

    /// The create/PATCH body spelling (`socialProfiles`).
    pub fn json_name(self) -> &'static str {
        match self {
            EntryKind::Social => "socialProfiles",
            other => other.rel(),
        }
    }

    /// A JSON Patch collection name (`/emails`, `/socialProfiles`, `/social-profiles`, ...).
    pub fn from_name(name: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| {
            k.rel() == name
                || k.json_name() == name
                || (name == "social_profiles" && *k == EntryKind::Social)
        })
    }

    /// Accepted `type` values, compared case-insensitively (`None` for websites, which have
    /// no type): phones as Update Phone lists them
    /// (<https://developer.helpscout.com/mailbox-api/endpoints/customers/phones/update/>, "fax
    /// home mobile other other pager work"), chats as Create Chat Handle
    /// (<https://developer.helpscout.com/mailbox-api/endpoints/customers/chat_handles/create/>),
    /// social profiles as Create Social Profile
    /// (<https://developer.helpscout.com/mailbox-api/endpoints/customers/social_profiles/create/>,
    /// spelled `forsquare`), emails the email object's locations
    /// (<https://developer.helpscout.com/webhooks/objects/email/>, "work home other").
    pub fn types(self) -> Option<&'static [&'static str]> {
        match self {
            EntryKind::Email => Some(&["work", "home", "other"]),
            EntryKind::Phone => Some(&["fax", "home", "mobile", "other", "pager", "work"]),
            EntryKind::Chat => Some(&[
                "aim", "gtalk", "icq", "msn", "other", "qq", "skype", "xmpp", "yahoo",
            ]),
            EntryKind::Social => Some(&[
                "aboutme",
                "facebook",
                "flickr",
                "forsquare",
                "google",
                "googleplus",
                "linkedin",
                "other",
                "quora",
                "tungleme",
                "twitter",
                "youtube",
            ]),
            EntryKind::Website => None,
        }
    }
}

impl Customer {
    pub fn entries(&self, kind: EntryKind) -> &Vec<Entry> {
        match kind {
            EntryKind::Email => &self.emails,
            EntryKind::Phone => &self.phones,
            EntryKind::Chat => &self.chats,
            EntryKind::Social => &self.social_profiles,
            EntryKind::Website => &self.websites,
        }
    }

    pub fn entries_mut(&mut self, kind: EntryKind) -> &mut Vec<Entry> {
        match kind {
            EntryKind::Email => &mut self.emails,
            EntryKind::Phone => &mut self.phones,
            EntryKind::Chat => &mut self.chats,
            EntryKind::Social => &mut self.social_profiles,
            EntryKind::Website => &mut self.websites,
        }
    }

    /// Whether one of the customer's emails is `email` (case-insensitive).
    pub fn has_email(&self, email: &str) -> bool {
        self.emails
            .iter()
            .any(|e| e.value.eq_ignore_ascii_case(email))
    }
}

/// A customer-property definition (`GET /v2/customer-properties`).
pub struct PropertyDef {
    pub slug: String,
    pub name: String,
    /// `text`, `number`, `date`, `dropdown`, `url`.
    pub kind: &'static str,
    /// Dropdown options `(id, label)`; ids are UUID-shaped strings.
    pub options: Vec<(String, String)>,
}
