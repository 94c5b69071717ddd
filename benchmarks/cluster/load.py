"""The clients, on the client host: `python -m benchmarks.cluster.load PLAN.json OUT.json`.

One thread per applicant, each with its own signed-in session, submits its proposal through
the balancer at an instant spread over the rush (some after the deadline), as a browser
would: a new connection, the submit form's POST, then the receipt page and the receipt's
stored Part B. An attempt that fails (the host that had it was killed, a 5xx) is tried
again after a growing pause, up to ATTEMPTS times; after a failure, a refusal is checked on
the proposal's page, which links the receipt when the first attempt had gone through.
Standard library only."""

import hashlib
import http.client
import json
import random
import re
import sys
import threading
import time
from dataclasses import asdict
from urllib.parse import urlencode

from benchmarks.cluster.network import HOSTS
from benchmarks.cluster.verdict import ERROR, RECEIPT, REFUSED, Outcome, classify

TIMEOUT = 30
ATTEMPTS = 4
PAUSES = (1.0, 2.0, 4.0, 4.0)  # a person's pause before pressing the button again
SITE = HOSTS["lb"].address
RECEIPT_LINK = re.compile(r'href="(/applicant/proposals/\d+/receipts/\d+/)"')


class Client(threading.Thread):
    def __init__(self, entry: dict, *, when: float, csrf: str, sha256: str, latencies: list):
        super().__init__(daemon=True)
        self.entry, self.when, self.sha256, self.latencies = entry, when, sha256, latencies
        self.csrf = csrf
        self.cookie = f"sessionid={entry['session']}; csrftoken={csrf}"
        self.outcome = Outcome(pk=entry["pk"], number=entry["number"], sent_at=when, result=ERROR)

    def _request(self, method: str, path: str, body: str | None = None):
        headers = {"Cookie": self.cookie, "Host": SITE}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.csrf
        connection = http.client.HTTPConnection(SITE, 80, timeout=TIMEOUT)
        started = time.time()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
            self.latencies.append(time.time() - started)
        return response.status, response.getheader("Location", ""), content

    def run(self) -> None:
        time.sleep(max(0.0, self.when - time.time()))
        pk = self.entry["pk"]
        self.outcome.sent_at = time.time()
        for attempt in range(ATTEMPTS):
            try:
                status, location, _ = self._request(
                    "POST",
                    f"/applicant/proposals/{pk}/submit/",
                    urlencode({"csrfmiddlewaretoken": self.csrf}),
                )
                result = classify(status=status, location=location, pk=pk)
                if result == REFUSED and self.outcome.errors:
                    location = self._receipt_on_proposal_page(pk) or location
                    result = RECEIPT if "/receipts/" in location else REFUSED
                if result == ERROR:
                    self.outcome.errors.append(f"submit {status}")
                else:
                    self.outcome.result = result
                    if result == RECEIPT:
                        self._fetch_receipt(location)
                    return
            except (OSError, http.client.HTTPException) as error:
                self.outcome.errors.append(type(error).__name__)
            time.sleep(PAUSES[attempt])

    def _receipt_on_proposal_page(self, pk: int) -> str:
        status, _, content = self._request("GET", f"/applicant/proposals/{pk}/")
        found = RECEIPT_LINK.search(content.decode(errors="replace")) if status == 200 else None
        return found.group(1) if found else ""

    def _fetch_receipt(self, location: str) -> None:
        path = location.split(SITE, 1)[-1]
        for attempt in range(ATTEMPTS):
            try:
                status, _, _ = self._request("GET", path)
                file_status, _, content = self._request(
                    "GET", f"{path.rstrip('/')}/files/{self.entry['attachment']}/"
                )
            except (OSError, http.client.HTTPException) as error:
                self.outcome.errors.append(f"receipt {type(error).__name__}")
                time.sleep(PAUSES[attempt])
                continue
            if status == 200 and file_status == 200:
                self.outcome.receipt_file_ok = hashlib.sha256(content).hexdigest() == self.sha256
                return
            self.outcome.errors.append(f"receipt {status}/{file_status}")
            time.sleep(PAUSES[attempt])
        self.outcome.receipt_file_ok = False


def main() -> None:
    with open(sys.argv[1]) as source:
        plan = json.load(source)
    rng = random.Random(2026)
    span = plan["end_at"] - plan["start_at"]
    latencies: list[float] = []
    clients = [
        Client(
            entry,
            when=plan["start_at"] + span * rng.random(),
            csrf=plan["csrf"],
            sha256=plan["sha256"],
            latencies=latencies,
        )
        for entry in plan["clients"]
    ]
    for client in clients:
        client.start()
    limit = plan["end_at"] + 3 * (ATTEMPTS * TIMEOUT + sum(PAUSES))
    for client in clients:
        client.join(timeout=max(0.0, limit - time.time()))
    with open(sys.argv[2], "w") as out:
        json.dump({"outcomes": [asdict(c.outcome) for c in clients], "latencies": latencies}, out)


if __name__ == "__main__":
    main()
