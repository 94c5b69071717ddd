"""A mail server that goes away: the test e-mail backend of the mail tests.

`FlakySMTP` keeps what it accepts in `django.core.mail.outbox`, like Django's locmem
backend, and refuses every message from the n-th one on, as an SMTP server that times out
in the middle of a run. Django makes one backend per `send_mail`, so the count is kept on
the class; `FlakySMTP.install(settings, fail_from=n)` (with pytest-django's `settings`
fixture) makes it the test's backend and starts the count again.
"""

import smtplib
import sys

from django.core.mail.backends.locmem import EmailBackend


class FlakySMTP(EmailBackend):
    attempts = 0  # messages offered so far, accepted or not
    fail_from: int | None = None  # the first refused message (1-based); None: accept all

    @classmethod
    def install(cls, settings, *, fail_from: int | None) -> type["FlakySMTP"]:
        settings.EMAIL_BACKEND = f"{cls.__module__}.{cls.__qualname__}"
        cls.attempts, cls.fail_from = 0, fail_from
        return cls

    @classmethod
    def recover(cls) -> None:
        """The server is back: every message from now on is accepted."""
        cls.fail_from = None

    def send_messages(self, messages):
        for _message in messages:
            type(self).attempts += 1
            if self.fail_from is not None and type(self).attempts >= self.fail_from:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out")
        return super().send_messages(messages)


class HangingSMTP(EmailBackend):
    """A mail server that never answers: says "sending" on standard output, then waits on
    standard input for ever (the task worker test kills the process there)."""

    def send_messages(self, messages):
        sys.stdout.write("sending\n")
        sys.stdout.flush()
        sys.stdin.read()
        raise smtplib.SMTPServerDisconnected("the test closed the connection")
