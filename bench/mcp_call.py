"""Median time of one MCP `tools/call` (`get-conversation`) end to end: this raw JSON-RPC client
-> `host-test mcp` on stdio -> a fresh component instance -> the embedded simulator, and back.

Usage: python3 bench/mcp_call.py target/release/host-test [CALLS]   (no dependencies)
"""
import json, subprocess, sys, time, statistics
p = subprocess.Popen([sys.argv[1], "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
n = 0
def rpc(method, params):
    global n
    n += 1
    p.stdin.write(json.dumps({"jsonrpc": "2.0", "id": n, "method": method, "params": params}) + "\n"); p.stdin.flush()
    while True:
        line = p.stdout.readline()
        msg = json.loads(line)
        if msg.get("id") == n:
            return msg
rpc("initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}})
p.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n"); p.stdin.flush()
tools = rpc("tools/list", {})["result"]["tools"]
found = rpc("tools/call", {"name": "find-conversations", "arguments": {"limit": 1}})
cid = json.loads(found["result"]["content"][0]["text"])["items"][0]["id"]
times = []
for i in range(int(sys.argv[2]) if len(sys.argv) > 2 else 200):
    t = time.perf_counter()
    r = rpc("tools/call", {"name": "get-conversation", "arguments": {"id": cid}})
    times.append(time.perf_counter() - t)
    assert not r["result"].get("isError"), r
print(json.dumps({"tools": len(tools), "calls": len(times), "medianMs": round(statistics.median(times) * 1000, 2), "p90Ms": round(sorted(times)[int(len(times) * 0.9)] * 1000, 2)}))
p.stdin.close(); p.wait(timeout=10)
