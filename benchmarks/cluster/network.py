"""The hosts' network: one namespace per host, each linked by a veth pair to a bridge that
lives in a namespace of its own, so every address is inside a namespace made here and
nothing is added to the machine's own network. `Network.remove` deletes every namespace (and
with them their links) and is safe to call twice or after a partial build."""

import subprocess
from dataclasses import dataclass

PREFIX = "csa18"
SUBNET = "10.218.18"  # a /24 that exists only inside the namespaces below


@dataclass(frozen=True)
class Host:
    name: str
    address: str

    @property
    def namespace(self) -> str:
        return f"{PREFIX}-{self.name}"


HOSTS = {
    name: Host(name, f"{SUBNET}.{number}")
    for name, number in [
        ("db", 2),
        ("s3", 3),
        ("lb", 10),
        ("app1", 11),
        ("app2", 12),
        ("worker", 20),
        ("client", 30),
    ]
}
LAN = f"{PREFIX}-lan"
BRIDGE = "br0"


def _ip(*arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", *arguments], check=check, capture_output=True, text=True)


def in_namespace(host: Host, command: list[str]) -> list[str]:
    """`command` run inside the host's namespace."""
    return ["ip", "netns", "exec", host.namespace, *command]


class Network:
    def __init__(self):
        self.made: list[str] = []

    def build(self) -> None:
        self.remove()  # what a run killed before its clean-up left behind
        self._namespace(LAN)
        _ip("-n", LAN, "link", "add", BRIDGE, "type", "bridge")
        _ip("-n", LAN, "link", "set", BRIDGE, "up")
        for host in HOSTS.values():
            self._namespace(host.namespace)
            outer = f"v-{host.name}"
            _ip("-n", LAN, "link", "add", outer, "type", "veth", "peer", "name", "eth0",
                "netns", host.namespace)  # fmt: skip
            _ip("-n", LAN, "link", "set", outer, "master", BRIDGE, "up")
            _ip("-n", host.namespace, "addr", "add", f"{host.address}/24", "dev", "eth0")
            _ip("-n", host.namespace, "link", "set", "eth0", "up")

    def _namespace(self, name: str) -> None:
        _ip("netns", "add", name)
        self.made.append(name)
        _ip("-n", name, "link", "set", "lo", "up")

    def remove(self) -> None:
        """End what still runs inside the namespaces made here (by process id), then delete
        them; their links go with them."""
        existing = _ip("netns", "list", check=False).stdout.split()
        ours = [n for n in existing if n.startswith(f"{PREFIX}-")]
        for name in ours:
            for pid in _ip("netns", "pids", name, check=False).stdout.split():
                subprocess.run(["kill", "-KILL", pid], check=False, capture_output=True)
        for name in ours:
            _ip("netns", "delete", name, check=False)
        self.made.clear()
