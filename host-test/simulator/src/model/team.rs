//! Teams: named groups of users (List Team Members,
//! <https://developer.helpscout.com/mailbox-api/endpoints/teams/list-team-members/>).

/// A team, with the fields of the official PHP SDK's team payload.
pub struct Team {
    pub id: u64,
    pub name: String,
    pub timezone: &'static str,
    pub photo_url: String,
    pub mention: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// Member user ids, in the order the members are listed.
    pub members: Vec<u64>,
}
