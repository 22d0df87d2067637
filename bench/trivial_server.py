"""A canned HTTP/1.1 responder, to find the load generator's own ceiling.

`python -m bench.trivial_server PORT MAX_SECONDS` answers every request on
127.0.0.1:PORT with a fixed 200 JSON body, doing no other work, and exits after
MAX_SECONDS at the latest. Whatever rate the generator reaches against it is the
most it can measure on this machine.
"""

from __future__ import annotations

import asyncio
import sys

BODY = b'{"status":"ok"}'
RESPONSE = (
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
    b"content-length: " + str(len(BODY)).encode() + b"\r\n\r\n" + BODY
)
MAX_REQUESTS_PER_CONNECTION = 50_000_000


async def _serve_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        for _ in range(MAX_REQUESTS_PER_CONNECTION):
            head = await reader.readuntil(b"\r\n\r\n")
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    await reader.readexactly(int(line.split(b":", 1)[1]))
            writer.write(RESPONSE)
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def serve(port: int, max_seconds: float) -> None:
    server = await asyncio.start_server(_serve_connection, "127.0.0.1", port)
    async with server:
        await asyncio.sleep(max_seconds)


def main(argv: list[str]) -> int:
    asyncio.run(serve(int(argv[1]), float(argv[2])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
