"""SMTP server for hostmatch's integration tests.

Accepts mail on HOST:PORT and stores every accepted message, byte for byte, in a
Maildir at DIR (read it with Python's ``mailbox.Maildir`` or by listing DIR/new).

What happens to a message depends only on its recipient address, so tests running in
parallel each control their own mail:

* local part containing ``+tempfail<N>`` (``ana+tempfail2@example.test``): the first N
  RCPT TO attempts for that exact address get ``451 4.3.0``; later ones are accepted;
* local part containing ``+reject``: always ``550 5.1.1``;
* anything else: accepted.

Usage: python tests/smtp/server.py --host 127.0.0.1 --port PORT --maildir DIR
Needs aiosmtpd (pip install aiosmtpd). Runs until SIGTERM or SIGINT.
"""

import argparse
import asyncio
import mailbox
import re
import signal
from collections import Counter

from aiosmtpd.smtp import SMTP

TEMPFAIL = re.compile(r"\+tempfail(\d*)")


class Handler:
    def __init__(self, maildir: str):
        self.maildir = mailbox.Maildir(maildir, create=True)  # creates cur/, new/, tmp/
        self.attempts = Counter()  # RCPT attempts per +tempfail address

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.rpartition("@")[0] or address
        if "+reject" in local:
            return "550 5.1.1 Mailbox unavailable"
        tempfail = TEMPFAIL.search(local)
        if tempfail:
            self.attempts[address] += 1
            if self.attempts[address] <= int(tempfail.group(1) or 1):
                return "451 4.3.0 Temporary failure, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        # Maildir.add writes to tmp/ and renames into new/, so readers never see half a file.
        self.maildir.add(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    args = parser.parse_args()

    handler = Handler(args.maildir)
    loop = asyncio.get_running_loop()
    # A fixed hostname spares aiosmtpd a getfqdn() lookup, which can hang without DNS.
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="hostmatch-test-smtp", enable_SMTPUTF8=True),
        args.host,
        args.port,
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"smtp test server listening on {args.host}:{args.port}", flush=True)
    await stop.wait()
    # Not wait_closed(): it would wait for clients that keep pooled connections open.
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
