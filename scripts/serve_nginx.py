"""Run Debian's nginx with deploy/nginx/vagen.conf in front of a built site, on a free loopback port."""
import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator, NamedTuple

PROJECT = Path(__file__).resolve().parent.parent
NGINX_DIR = PROJECT / "deploy" / "nginx"


class Served(NamedTuple):
    """A running nginx: its base URL, its process id and its temporary folder."""
    url: str
    pid: int
    folder: Path


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_conf(site: Path, tmp: Path, port: int, conf_dir: Path = NGINX_DIR) -> str:
    """Return a complete nginx.conf: Debian's modules and MIME types, plus the repo's server block for this site."""
    server = (conf_dir / "vagen.conf").read_text("utf-8")
    server = server.replace("listen 8080;", f"listen 127.0.0.1:{port};").replace("/srv/vagen/site", str(site))
    server = server.replace("/srv/vagen/deploy/nginx/", f"{conf_dir}/")
    temp = "".join(f"{kind}_temp_path {tmp}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"include /etc/nginx/modules-enabled/*.conf;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
            f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}{server}\n}}\n")


def wait_until_answering(url: str, proc: subprocess.Popen) -> None:
    """Wait up to ten seconds for nginx to answer at url; raise if it exits or never answers."""
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None:
                raise RuntimeError(f"nginx did not start: {proc.stderr.read()}")
            time.sleep(0.1)
    raise RuntimeError(f"nginx did not answer at {url} within ten seconds")


def stop(proc: subprocess.Popen) -> None:
    """Stop nginx (fast shutdown), killing it if it has not exited after ten seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    proc.stderr.close()


@contextlib.contextmanager
def nginx_server(site: Path, conf_dir: Path = NGINX_DIR) -> Iterator[Served]:
    """Serve site/ through nginx with the configuration in conf_dir; stop it and remove its folder afterwards."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed; `make deps` installs it (debian-packages.txt).")
    with tempfile.TemporaryDirectory(prefix="vagen-nginx-") as tmpdir:
        tmp, port = Path(tmpdir), free_port()
        (tmp / "nginx.conf").write_text(nginx_conf(Path(site).resolve(), tmp, port, Path(conf_dir)), "utf-8")
        proc = subprocess.Popen([binary, "-p", "/usr/share/nginx/", "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log"),
                                 "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_until_answering(url, proc)
            yield Served(url, proc.pid, tmp)
        finally:
            stop(proc)


@contextlib.contextmanager
def nginx(site: Path) -> Iterator[str]:
    """Serve site/ through nginx; yield the base URL, and stop nginx afterwards."""
    with nginx_server(site) as served:
        yield served.url


def exit_on_signal(signum, frame) -> None:
    """Leave the program on SIGTERM or SIGINT, so nginx is stopped and its folder removed on the way out."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second signal must not interrupt the clean-up
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(0)


def main(site: Path) -> None:
    """Serve a built site by hand until SIGTERM or Ctrl-C (SIGINT)."""
    signal.signal(signal.SIGTERM, exit_on_signal)
    signal.signal(signal.SIGINT, exit_on_signal)
    with nginx_server(site) as served:
        print(f"Serving on {served.url} (nginx pid {served.pid}, folder {served.folder}; Ctrl-C stops)", flush=True)
        while True:
            time.sleep(1)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
