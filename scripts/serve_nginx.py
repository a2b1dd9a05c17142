"""Run Debian's nginx with deploy/nginx/vagen.conf in front of a built site, on a free loopback port."""
import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
NGINX_DIR = PROJECT / "deploy" / "nginx"


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_conf(site: Path, tmp: Path, port: int) -> str:
    """Return a complete nginx.conf: Debian's modules and MIME types, plus the repo's server block for this site."""
    server = (NGINX_DIR / "vagen.conf").read_text("utf-8")
    server = server.replace("listen 8080;", f"listen 127.0.0.1:{port};").replace("/srv/vagen/site", str(site))
    server = server.replace("/srv/vagen/deploy/nginx/", f"{NGINX_DIR}/")
    temp = "".join(f"{kind}_temp_path {tmp}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"include /etc/nginx/modules-enabled/*.conf;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
            f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}{server}\n}}\n")


@contextlib.contextmanager
def nginx(site: Path):
    """Serve site/ through nginx; yield the base URL, and stop nginx afterwards."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed; `make deps` installs it (debian-packages.txt).")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp, port = Path(tmpdir), free_port()
        (tmp / "nginx.conf").write_text(nginx_conf(Path(site).resolve(), tmp, port), "utf-8")
        proc = subprocess.Popen([binary, "-p", "/usr/share/nginx/", "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log"),
                                 "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
        base = f"http://127.0.0.1:{port}/"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base, timeout=1)
                    break
                except (urllib.error.URLError, ConnectionError):
                    if proc.poll() is not None:
                        raise RuntimeError(f"nginx did not start: {proc.stderr.read()}")
                    time.sleep(0.1)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    with nginx(Path(sys.argv[1] if len(sys.argv) > 1 else "site")) as url:
        print(f"Serving on {url} (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(1)
