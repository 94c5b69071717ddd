"""Each host's process, started inside its namespace, with the environment of
docs/deployment.md: PostgreSQL (a cluster of its own in the run's folder, not the
machine's), moto's S3 server, gunicorn on each application host, the task worker, haproxy."""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.cluster.network import HOSTS, Host, in_namespace

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
BUCKET = "csa-cluster"
S3_PORT, APP_PORT, LB_PORT = 5000, 8000, 80
SITE = HOSTS["lb"].address
SECRET_KEY = secrets.token_urlsafe(48)


def app_environment(run_dir: Path) -> dict[str, str]:
    """What every application and worker host is given (docs/deployment.md)."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return {
        **keep,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "benchmarks.cluster.settings",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": SITE,
        "DATABASE_URL": f"postgres://csa@{HOSTS['db'].address}:5432/csa",
        "DATABASE_CONN_MAX_AGE": "60",
        "STORAGE_BUCKET": BUCKET,
        "STORAGE_ENDPOINT_URL": f"http://{HOSTS['s3'].address}:{S3_PORT}",
        "STORAGE_REGION": "eu-west-1",
        "STORAGE_ACCESS_KEY": "cluster-access-key",
        "STORAGE_SECRET_KEY": "cluster-secret-key",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(run_dir / "mail"),
        "TASKS_RUNNING_LEASE": "600",
        "TRUSTED_PROXY_COUNT": "1",
        # The balancer speaks plain HTTP to the hosts and to the clients here (no TLS).
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_HSTS_PRELOAD": "false",
        "SITE_URL": f"http://{SITE}",
        "STATIC_ROOT": str(run_dir / "static"),
        "LOG_LEVEL": "ERROR",
    }


class Process:
    """One host's process in its own session, so that it and its children are ended by
    their group id."""

    def __init__(self, host: Host, command: list[str], log: Path, env=None, user=None):
        self.host, self.log = host, log
        prefix = ["runuser", "-u", user, "--"] if user else []
        self.popen = subprocess.Popen(
            in_namespace(host, [*prefix, *command]),
            cwd=ROOT,
            env=env or os.environ.copy(),
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        """As a host that loses power: SIGKILL, no clean-up."""
        self._signal(signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()

    def _signal(self, number: int) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, number)


def wait_for(check, *, what: str, seconds: float) -> None:
    """Poll `check` until it is true, for at most `seconds`."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if check():
            return
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not come up within {seconds:.0f} s")


def run_on(host: Host, command: list[str], *, env, log: Path, timeout: float = 300) -> str:
    """Run a command on a host to its end; its standard output."""
    with log.open("a") as errors:
        done = subprocess.run(
            in_namespace(host, command),
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode:
        raise RuntimeError(f"{' '.join(command[:4])} failed on {host.name}; see {log}")
    return done.stdout


def start_database(run_dir: Path) -> Process:
    """A PostgreSQL cluster of its own, in the run's folder, owned by the postgres user."""
    data = run_dir / "pgdata"
    data.mkdir()
    subprocess.run(["chown", "postgres:postgres", str(data), str(run_dir)], check=True)
    subprocess.run(
        ["runuser", "-u", "postgres", "--", str(PG_BIN / "initdb"), "-D", str(data),
         "-U", "csa", "-A", "trust", "--no-sync", "-E", "UTF8"],
        check=True, capture_output=True,
    )  # fmt: skip
    with (data / "pg_hba.conf").open("a") as hba:  # the cluster's own subnet, trusted
        hba.write(f"host all all {HOSTS['db'].address.rsplit('.', 1)[0]}.0/24 trust\n")
    host = HOSTS["db"]
    process = Process(
        host,
        [str(PG_BIN / "postgres"), "-D", str(data), "-c", f"listen_addresses={host.address}",
         "-c", f"unix_socket_directories={data}", "-c", "fsync=off",
         "-c", "max_connections=200", "-c", "shared_buffers=128MB"],
        run_dir / "db.log",
        user="postgres",
    )  # fmt: skip
    ready = [str(PG_BIN / "pg_isready"), "-q", "-h", host.address, "-U", "csa"]
    wait_for(
        lambda: subprocess.run(in_namespace(host, ready), check=False).returncode == 0,
        what="PostgreSQL",
        seconds=60,
    )
    subprocess.run(
        in_namespace(host, [str(PG_BIN / "createdb"), "-h", host.address, "-U", "csa", "csa"]),
        check=True,
    )
    return process


def start_storage(run_dir: Path) -> Process:
    host = HOSTS["s3"]
    server = Path(sys.executable).with_name("moto_server")
    return Process(host, [str(server), "-H", host.address, "-p", str(S3_PORT)], run_dir / "s3.log")


def start_app(name: str, run_dir: Path, *, workers: int, threads: int) -> Process:
    host = HOSTS[name]
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return Process(
        host,
        [str(gunicorn), "config.wsgi:application", f"--bind={host.address}:{APP_PORT}",
         f"--workers={workers}", f"--threads={threads}", "--worker-class=gthread",
         "--timeout=60", "--log-level=warning"],
        run_dir / f"{name}.log",
        env=app_environment(run_dir),
    )  # fmt: skip


def start_worker(run_dir: Path) -> Process:
    return Process(
        HOSTS["worker"],
        [sys.executable, "manage.py", "task_worker", "--worker-id=worker-host",
         "--interval=0.2", "--no-startup-delay", "--verbosity=0"],
        run_dir / "worker.log",
        env=app_environment(run_dir),
    )  # fmt: skip


HAPROXY = """global
    maxconn 4000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A host busy with the rush answers its health check late rather than never: only a
    # host that refuses connections or stays silent for 10 s, three times, is taken out.
    timeout check 10s
    # What exceeds a host's share waits in the balancer's queue (fair, in order), not in
    # gunicorn's backlog; it is refused with 503 only after 30 s.
    timeout queue 30s
    # A request that never reached a host (connection refused: the host is down) goes to
    # the other one; one that reached a host is never sent twice.
    retries 3
    option redispatch 1
    retry-on conn-failure
frontend site
    bind {lb}:{lb_port}
    default_backend apps
backend apps
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz/ hdr Host {lb}
    http-check expect status 200
    default-server inter 1s fall 3 rise 2 maxconn 16
    server app1 {app1}:{app_port} check
    server app2 {app2}:{app_port} check
"""


def start_balancer(run_dir: Path) -> Process:
    config = run_dir / "haproxy.cfg"
    config.write_text(
        HAPROXY.format(
            lb=SITE,
            lb_port=LB_PORT,
            app1=HOSTS["app1"].address,
            app2=HOSTS["app2"].address,
            app_port=APP_PORT,
        )
    )
    return Process(HOSTS["lb"], ["haproxy", "-db", "-f", str(config)], run_dir / "lb.log")
