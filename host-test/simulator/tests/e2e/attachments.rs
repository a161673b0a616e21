//! End-to-end tests of attachments: the seeded one read as base64 data and as a file, Upload
//! Attachment (201, no `Resource-ID`) and reading the upload back, and the 404s.

use axum::http::{Method, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::faults::raw;
use super::write_conversations::{error_paths, send};
use super::{get, start};

const SEEDED: &str = "/v2/conversations/5000001/attachments/8000001";

#[tokio::test]
async fn seeded_attachment_reads_as_data_and_file() {
    let sim = start().await;
    let c = get(&sim, "/v2/conversations/5000001?embed=threads")
        .await
        .body;
    let threads = c["_embedded"]["threads"].as_array().unwrap();
    let a = &threads.last().unwrap()["_embedded"]["attachments"][0];
    assert_eq!(
        (&a["id"], &a["filename"]),
        (&json!(8000001), &json!("order-4000.txt"))
    );
    let text = b"Order #4000\nRefund requested: 2 items.\n";
    assert_eq!(a["size"], text.len());
    let r = get(&sim, &format!("{SEEDED}/data")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        "application/hal+json;charset=UTF-8"
    );
    assert_eq!(r.body, json!({"data": STANDARD.encode(text)}));
    let f = raw(&sim, Method::GET, &format!("{SEEDED}/file"), None)
        .await
        .unwrap();
    assert_eq!(f.status, StatusCode::OK);
    assert_eq!(f.header("content-type"), "text/plain");
    assert_eq!(
        f.header("content-disposition"),
        "attachment; filename=\"order-4000.txt\""
    );
    assert_eq!(f.body.unwrap().as_ref(), text);
    for path in [
        "/v2/conversations/5000001/attachments/8000002/data",
        "/v2/conversations/5000002/attachments/8000001/data",
        "/v2/conversations/5000002/attachments/8000001/file",
        "/v2/conversations/42/attachments/8000001/data",
        "/v2/conversations/5000001/attachments/abc/data",
    ] {
        assert_eq!(
            get(&sim, path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn uploaded_attachments_are_kept_whole() {
    let sim = start().await;
    let list = get(&sim, "/v2/conversations/5000002/threads").await.body;
    let thread = list["_embedded"]["threads"][0]["id"].as_u64().unwrap();
    let url = format!("/v2/conversations/5000002/threads/{thread}/attachments");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let body = json!({"fileName": "scan.bin", "mimeType": "application/octet-stream",
                      "data": STANDARD.encode(&bytes)});
    let r = send(&sim, Method::POST, &url, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body, Value::Null);
    assert_eq!(r.header("resource-id"), "", "none, as recorded");
    assert_eq!(r.header("content-type"), "text/plain; charset=UTF-8");
    let list = get(&sim, "/v2/conversations/5000002/threads").await.body;
    let a = list["_embedded"]["threads"][0]["_embedded"]["attachments"][0].clone();
    assert_eq!(
        (&a["filename"], &a["size"]),
        (&json!("scan.bin"), &json!(70_000))
    );
    let data = get(
        &sim,
        &format!("/v2/conversations/5000002/attachments/{}/data", a["id"]),
    )
    .await;
    let back = STANDARD
        .decode(data.body["data"].as_str().unwrap())
        .unwrap();
    assert_eq!(back, bytes);
    let file = format!("/v2/conversations/5000002/attachments/{}/file", a["id"]);
    let f = raw(&sim, Method::GET, &file, None).await.unwrap();
    assert_eq!(f.header("content-type"), "application/octet-stream");
    assert_eq!(f.body.unwrap().as_ref(), bytes.as_slice());

    let r = send(
        &sim,
        Method::POST,
        &url,
        json!({"fileName": "a", "data": "%%"}),
    )
    .await;
    assert_eq!(error_paths(&r), ["mimeType", "data"]);
    let ok = json!({"fileName": "a.txt", "mimeType": "text/plain", "data": "YQ=="});
    for path in [
        "/v2/conversations/5000002/threads/1/attachments".to_string(),
        format!("/v2/conversations/5000003/threads/{thread}/attachments"),
        format!("/v2/conversations/42/threads/{thread}/attachments"),
    ] {
        let r = send(&sim, Method::POST, &path, ok.clone()).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
}
