"""`host-test mcp` driven by a client nobody here wrote: the official MCP Python SDK (2.x).

Run by scripts/mcp-test, which makes a venv under target/ with tests/mcp/requirements.txt:

    python tests/mcp/test_mcp.py HOST-TEST-BINARY

Against the embedded simulator, with the simulator's demo app credentials given in the environment
(as an MCP client configuration would): lists the tools and their annotations, calls a read, a
write refused by a read-only server (nothing sent) and performed by one started with
--allow-writes, a typed error and the `options` tool; then scans every byte both ways and the
server's stderr for the credentials. Prints one summary line with the time of one tools/call.
"""

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

HOST = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/debug/host-test")
# The simulator's demo app (host-test/simulator/src/lib.rs, `credentials`).
CLIENT_ID = "demo-client-id"
CLIENT_SECRET = "demo-client-secret"
# The tools and what they do to Help Scout, from the component's own catalog (`host-test actions`:
# each entry's declared effects); `options` is the server's own read.
ENTRIES = json.loads(subprocess.run([HOST, "actions"], check=True, capture_output=True).stdout)
READS = {e["name"] for e in ENTRIES if e["effects"]["readOnly"]} | {"options"}
WRITES = {e["name"] for e in ENTRIES if not e["effects"]["readOnly"]}


def server(workdir, allow_writes):
    """The server command, with every byte of the session copied to files for the secret scan."""
    flags = " --allow-writes" if allow_writes else ""
    tag = "rw" if allow_writes else "ro"
    script = (f'tee "{workdir}/{tag}.in" | "{HOST}" mcp{flags} 2>"{workdir}/{tag}.err"'
              f' | tee "{workdir}/{tag}.out"')
    env = {"HELPSCOUT_CLIENT_ID": CLIENT_ID, "HELPSCOUT_CLIENT_SECRET": CLIENT_SECRET}
    return StdioServerParameters(command="sh", args=["-c", script], env=env)


def output(result):
    """The JSON of a tool result's text content."""
    return json.loads(result.content[0].text)


async def read_only_session(workdir):
    async with stdio_client(server(workdir, False)) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            assert init.server_info.name == "helpscout-connector", init.server_info
            tools = {t.name: t for t in (await session.list_tools()).tools}
            assert set(tools) == READS | WRITES, sorted(tools)
            for name in READS:
                assert tools[name].annotations.read_only_hint is True, name
            for name in WRITES:
                assert tools[name].annotations.read_only_hint is False, name
            assert tools["create-thread"].annotations.destructive_hint is True
            assert tools["create-customer"].annotations.destructive_hint is False
            assert tools["get-conversation"].input_schema["properties"]["id"]["title"] == "ID"
            # A raw GET only reads, so a read-only server runs it; a raw POST it refuses.
            raw = await session.call_tool("api-request", {"method": "GET", "path": "/v2/tags"})
            assert not raw.is_error and output(raw)["status"] == 200, raw
            raw = await session.call_tool("api-request", {"method": "POST", "path": "/v2/tags"})
            assert raw.is_error and output(raw)["error"] == "read-only", raw

            started = time.perf_counter()
            got = await session.call_tool("get-conversation", {"id": 5000001})
            call_ms = (time.perf_counter() - started) * 1000
            assert not got.is_error, got
            assert got.structured_content["id"] == 5000001
            assert output(got)["subject"] == got.structured_content["subject"]

            refused = await session.call_tool("create-customer", {
                "firstName": "Refused", "lastName": "Write",
                "emails": [{"type": "work", "value": "refused@example.com"}]})
            assert refused.is_error and output(refused)["error"] == "read-only", refused
            found = await session.call_tool("find-customers", {"email": "refused@example.com"})
            assert found.structured_content["items"] == [], "the refused write was not sent"

            missing = await session.call_tool("get-conversation", {"id": 999})
            assert missing.is_error
            error = output(missing)
            assert (error["error"], error["status"]) == ("not-found", 404), error
            assert "conversation 999" in error["message"]

            bad = await session.call_tool("find-conversations", {"status": "nope", "limit": 0})
            paths = {f["path"] for f in output(bad)["fields"]}
            assert bad.is_error and paths == {"status", "limit"}, output(bad)

            choices = await session.call_tool(
                "options", {"action": "create-conversation", "field": "mailboxId"})
            labels = [c["label"] for c in choices.structured_content["items"]]
            assert labels == ["Support", "Billing", "Sales"], labels
            return call_ms


async def read_write_session(workdir):
    async with stdio_client(server(workdir, True)) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            created = await session.call_tool("create-customer", {
                "firstName": "Allowed", "lastName": "Write",
                "emails": [{"type": "work", "value": "allowed@example.com"}]})
            assert not created.is_error, created
            new_id = created.structured_content["id"]
            found = await session.call_tool("find-customers", {"email": "allowed@example.com"})
            assert [c["id"] for c in found.structured_content["items"]] == [new_id]


def scan(workdir):
    for name in sorted(os.listdir(workdir)):
        with open(os.path.join(workdir, name), "rb") as f:
            data = f.read()
        assert CLIENT_SECRET.encode() not in data, f"the client secret appears in {name}"
        if name.endswith((".in", ".out")):
            assert data, f"{name} is empty: the transcript was not captured"


async def main():
    with tempfile.TemporaryDirectory() as workdir:
        call_ms = await read_only_session(workdir)
        await read_write_session(workdir)
        scan(workdir)
    print(f"mcp-test: PASS — {len(READS | WRITES)} tools, read-only refusal, --allow-writes, typed errors, options, "
          f"no secret in the transcript; one tools/call {call_ms:.1f} ms")


asyncio.run(main())
