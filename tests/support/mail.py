"""A real SMTP server for tests (aiosmtpd on 127.0.0.1), keeping every message it accepts; and the
notification requests tests publish the way a service's relay does (the bus, a real broker)."""
from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class _Keep:
    def __init__(self, refuse: set[str]):
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.raw.append(envelope.original_content)
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"


class MailServer:
    """``MailServer(port).start()``; ``messages`` are parsed ``EmailMessage`` objects; addresses in
    ``refuse`` get a permanent 550."""

    def __init__(self, port: int, refuse: set[str] | None = None):
        self.port = port
        self._keep = _Keep(refuse or set())
        self._controller = Controller(self._keep, hostname="127.0.0.1", port=port)

    @property
    def messages(self) -> list[EmailMessage]:
        return list(self._keep.messages)

    def raw_of(self, message: EmailMessage) -> bytes:
        """The bytes the server received for ``message``."""
        return self._keep.raw[next(i for i, m in enumerate(self._keep.messages) if m is message)]

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["To"]]

    def start(self) -> "MailServer":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()


def publish(bootstrap: str, events: list[dict]) -> None:
    """Publishes envelopes as a service's outbox relay does (``bus.send``, idempotent producer)."""
    from cadre_shared import bus

    producer = bus.make_producer(bootstrap, "test-notifications")
    try:
        for event in events:
            bus.send(producer, event).get(timeout=30)
    finally:
        producer.close()
