"""Median time of one signed webhook delivery end to end: an HTTP POST on loopback ->
`host-test listen` -> a fresh component instance verifying the signature and parsing the body ->
200, with the event printed. The body is a recorded `convo.created` payload.

Usage: python3 bench/listen_delivery.py target/release/host-test [DELIVERIES]   (no dependencies)
"""
import base64, hashlib, hmac, http.client, json, os, re, statistics, subprocess, sys, time

SECRET = "bench-listen-secret"
body = open(os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "webhooks",
                         "webhook_body_convo_123.raw.json"), "rb").read()
signature = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha1).digest()).decode()
p = subprocess.Popen([sys.argv[1], "listen", "--port", "0"], env={**os.environ, "HELPSCOUT_WEBHOOK_SECRET": SECRET},
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
line = p.stderr.readline()
host, port = re.search(r"(\d+\.\d+\.\d+\.\d+):(\d+)", line).groups()
connection = http.client.HTTPConnection(host, int(port))
headers = {"Content-Type": "application/json", "X-HelpScout-Event": "convo.created", "X-HelpScout-Signature": signature}
def deliver():
    connection.request("POST", "/", body, headers)
    answer = connection.getresponse()
    answer.read()
    assert answer.status == 200, answer.status
deliver()
times = []
for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 300):
    t = time.perf_counter()
    deliver()
    times.append(time.perf_counter() - t)
print(json.dumps({"deliveries": len(times), "bodyBytes": len(body), "medianMs": round(statistics.median(times) * 1000, 3),
                  "p90Ms": round(sorted(times)[int(len(times) * 0.9)] * 1000, 3)}))
p.terminate(); p.wait(timeout=10)
