//! End-to-end tests of List Customers' sort fields: `createdAt` (the default, newest first),
//! `firstName`, `lastName` and `modifiedAt`; anything else (`score`) is a 400 `EnumValue`.

use axum::http::StatusCode;

use super::conversations::ids;
use super::{get, start};

#[tokio::test]
async fn customer_sort_fields_are_the_four_the_page_lists() {
    let sim = start().await;
    let r = get(&sim, "/v2/customers?sortField=score").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let e = &r.body["_embedded"]["errors"][0];
    assert_eq!(e["path"], "sortField");
    assert_eq!(e["rejectedValue"], "score");
    assert!(
        e["_links"]["about"]["href"]
            .as_str()
            .unwrap()
            .ends_with("#EnumValue")
    );
    for field in [
        "createdAt",
        "firstName",
        "lastName",
        "modifiedAt",
        "CREATEDAT",
    ] {
        let r = get(&sim, &format!("/v2/customers?sortField={field}")).await;
        assert_eq!(r.status, StatusCode::OK, "{field}");
    }
    // Default: createdAt, newest first (the seeded customers were created in id order).
    sim.set_customer_times(7_000_030, 2_000_000_000, 1);
    let list = ids(&get(&sim, "/v2/customers").await.body, "customers");
    assert_eq!(list[0], 7_000_030);
    assert_eq!(list[1..4], [7_000_060, 7_000_059, 7_000_058]);
}
