#!/usr/bin/env python3
"""Failover benchmark for Origin Edge: what one region's trouble costs a client.

Starts small origins on 127.0.0.1 (standard library HTTP servers serving /site/hello.txt, public, path style):
a healthy one ("good") and one that fails in each way the proxy handles, then the proxy (the packaged jar or
the native runner) with one POP per fault, each listing the faulty origin first and "good" second:

  refused     nothing listens on the port                   (connect refused -> next origin)
  blackhole   connects hang (listener's accept queue full)  (edge.connect-timeout -> next origin)
  unavailable answers 503 with an S3 error body             (edge.failover.statuses -> next origin)
  silent      accepts, never answers                        (edge.origin-timeout -> next origin)

For each: the latency of the first requests (each one fails over, until the faulty origin is ejected after
edge.health.consecutive-failures) and of the requests after that (the ejected origin is skipped), next to the
direct path (POP whose list is only "good"). Then a kill under load: 8 clients x 500 requests to a POP whose
first origin is killed (listener and connections closed) after 20% of them: requests lost, slowest request.

Prints a Markdown table and writes results.md next to this script. Standard library only; talks to 127.0.0.1.
Usage: bench/failover/run.py [--artifact target/quarkus-app/quarkus-run.jar | target/*-runner] [--no-build]
"""
import argparse
import datetime
import http.client
import os
import platform
import socket
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # bench/, for benchlib
from benchlib import HOST, REPO, free_port, log, mvnw, spawn, stop, stop_all  # noqa: E402

BODY = b"hello from good\n"


class Origin(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, *args):
        super().__init__(*args)
        self.connections = set()

    def get_request(self):
        sock, addr = super().get_request()
        self.connections.add(sock)
        return sock, addr

    def kill(self):
        """The region goes down: no listener, and every open (keep-alive) connection closed."""
        self.shutdown()
        self.server_close()
        for sock in list(self.connections):
            try:
                sock.shutdown(socket.SHUT_RDWR)  # acts on the descriptor at once (close() waits for makefile refs)
            except OSError:
                pass


def handler(status):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

        def do_GET(self):
            body = BODY if status == 200 else b"<Error><Code>SlowDown</Code></Error>"
            self.send_response(status)
            self.send_header("Content-Type", "text/plain" if status == 200 else "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass
    return Handler


def serve(status, port=0):
    server = Origin((HOST, port), handler(status))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def black_hole():
    s = socket.socket()
    s.bind((HOST, 0))
    s.listen(1)
    fillers = []
    for _ in range(8):
        c = socket.socket()
        c.settimeout(0.3)
        try:
            c.connect(s.getsockname())
            fillers.append(c)
        except OSError:
            c.close()
            return s, fillers
    sys.exit("could not fill a listener's accept queue")


def silent():
    s = socket.socket()
    s.bind((HOST, 0))
    s.listen(64)
    held = []
    threading.Thread(target=lambda: [held.append(s.accept()) for _ in iter(int, 1)], daemon=True).start()
    return s, held


def get(port, pop, timeout=30):
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", f"/hello.txt?pop={pop}")
        r = conn.getresponse()
        body = r.read()
        return r.status, body, r.getheader("X-B2-Host"), (time.perf_counter() - started) * 1000
    finally:
        conn.close()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--artifact", default=os.path.join(REPO, "target", "quarkus-app", "quarkus-run.jar"))
    p.add_argument("--no-build", action="store_true")
    p.add_argument("--out", default=os.path.join(HERE, "results.md"))
    a = p.parse_args()
    if not os.path.exists(a.artifact):
        if a.no_build:
            sys.exit(f"no artifact at {a.artifact}")
        mvnw(["package", "-DskipTests"], "build the jar")
    workdir = tempfile.mkdtemp(prefix="failover-bench-")

    good = serve(200)
    unavailable = serve(503)
    refused_port = free_port()
    hole, _fillers = black_hole()
    quiet, _held = silent()
    killable = serve(200)
    killable_port = killable.server_address[1]
    origins = {"good": good.server_address[1], "refused": refused_port, "blackhole": hole.getsockname()[1],
               "unavailable": unavailable.server_address[1], "silent": quiet.getsockname()[1],
               "killable": killable_port}
    props = {"quarkus.http.port": str(free_port()), "edge.default-origin": "good",
             "edge.connect-timeout": "1s", "edge.origin-timeout": "2s", "quarkus.log.level": "WARN"}
    for name, port in origins.items():
        props[f"edge.origins.{name}.endpoint"] = f"http://{HOST}:{port}"
        props[f"edge.origins.{name}.bucket"] = "site"
        props[f"edge.origins.{name}.addressing"] = "path"
    pops = {"ZZG": "good", "ZZA": "refused,good", "ZZB": "blackhole,good", "ZZC": "unavailable,good",
            "ZZD": "silent,good", "ZZK": "killable,good"}
    for pop, chain in pops.items():
        props[f"edge.pops.{pop}"] = chain
    native = not a.artifact.endswith(".jar")
    options = ["-Xmx64m"] + [f"-D{k}={v}" for k, v in props.items()]
    argv = [a.artifact] + options if native else ["java"] + options + ["-jar", a.artifact]
    proxy = spawn(argv, workdir, os.path.join(workdir, "proxy.log"))
    port = int(props["quarkus.http.port"])
    deadline = time.time() + 60
    while True:
        try:
            if get(port, "ZZG", 2)[0] == 200:
                break
        except OSError:
            pass
        if time.time() > deadline:
            sys.exit("the proxy did not start; see " + workdir)
        time.sleep(0.05)
    for _ in range(200):
        get(port, "ZZG")  # warm up

    rows = []
    direct = [get(port, "ZZG")[3] for _ in range(50)]
    rows.append(("direct (only the healthy origin)", "-", f"{statistics.median(direct):.1f}", "-", "200"))
    for pop, what in (("ZZA", "refused"), ("ZZB", "black hole"), ("ZZC", "503"), ("ZZD", "silent")):
        first = [get(port, pop) for _ in range(3)]
        after = [get(port, pop) for _ in range(30)]
        statuses = {r[0] for r in first + after}
        hosts = {r[2] for r in first + after}
        assert hosts == {f"{HOST}:{origins['good']}"}, hosts
        rows.append((what, " / ".join(f"{r[3]:.0f}" for r in first), f"{statistics.median([r[3] for r in after]):.1f}",
                     f"{max(r[3] for r in after):.1f}", "/".join(str(s) for s in sorted(statuses))))

    # Kill under load.
    results, lock = [], threading.Lock()
    done = [0]

    def client():
        for _ in range(500):
            try:
                s, body, host, ms = get(port, "ZZK")
            except OSError as e:
                s, body, host, ms = -1, str(e).encode(), None, 0
            with lock:
                results.append((s, body == BODY, host, ms))
                done[0] += 1
    threads = [threading.Thread(target=client) for _ in range(8)]
    for t in threads:
        t.start()
    while done[0] < 800:
        time.sleep(0.005)
    killable.kill()
    for t in threads:
        t.join()
    lost = sum(1 for s, ok, _, _ in results if s != 200 or not ok)
    slowest = max(ms for *_, ms in results)
    moved = sum(1 for _, _, h, _ in results if h == f"{HOST}:{origins['good']}")
    stop(proxy)

    kind = "native" if native else "JVM"
    md = [f"# Failover: what one origin's trouble costs a client ({kind}, {datetime.date.today()}, "
          f"{platform.node()}, {os.cpu_count()} cores)", "",
          "`bench/failover/run.py`; edge.connect-timeout=1s, edge.origin-timeout=2s, ejection after 3 failures.",
          "", "| first origin | first 3 requests (ms, each fails over) | median after ejection (ms) | max after (ms) | statuses |",
          "|---|---|---|---|---|"]
    md += [f"| {' | '.join(r)} |" for r in rows]
    md += ["", f"Kill under load: 8 clients x 500 requests, first origin killed after 800: **{lost} lost** of "
           f"{len(results)}, {moved} served by the second origin, slowest request {slowest:.1f} ms.", ""]
    text = "\n".join(md)
    print(text)
    with open(a.out, "w") as f:
        f.write(text)
    stop_all()
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
