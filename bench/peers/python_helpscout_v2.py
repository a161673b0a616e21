"""Peer: PyPI `python-helpscout-v2` (module `helpscout`) syncing every conversation.

Usage: python python_helpscout_v2.py BASE_URL
Prints one JSON object: peer, seconds, conversations, distinct, note.

The client takes `base_url` as a constructor argument, so nothing is patched. It authenticates
with the client-credentials grant at `{base_url}oauth2/token` (done before the timer, exactly as
its first request would) and follows `_links.next` itself while listing.
"""

import json
import sys
import time
from importlib.metadata import version

from helpscout import HelpScout

CLIENT_ID = "demo-client-id"
CLIENT_SECRET = "demo-client-secret"


def main() -> None:
    try:
        run(sys.argv[1].rstrip("/"))
    except Exception as e:  # reported as the peer's error line, never as a number
        peer = f"python-helpscout-v2 {version('python-helpscout-v2')}"
        print(json.dumps({"peer": peer, "error": f"{type(e).__name__}: {e}"[:2000]}))
        sys.exit(1)


def run(base: str) -> None:
    hs = HelpScout(
        app_id=CLIENT_ID,
        app_secret=CLIENT_SECRET,
        base_url=f"{base}/v2/",
        sleep_on_rate_limit_exceeded=True,
    )
    hs._authenticate()  # the client-credentials call its first request makes; kept out of the timer
    start = time.perf_counter()
    conversations = hs.conversations.get(params="status=all")
    seconds = time.perf_counter() - start
    ids = {c.id for c in conversations}
    print(
        json.dumps(
            {
                "peer": f"python-helpscout-v2 {version('python-helpscout-v2')}",
                "seconds": round(seconds, 3),
                "conversations": len(conversations),
                "distinct": len(ids),
                "note": "base_url constructor option (no patch); client-credentials token; "
                f"requests {version('requests')}, new connection per page",
            }
        )
    )


if __name__ == "__main__":
    main()
