#!/usr/bin/env python3
"""Throughput benchmark for Origin Edge: requests/s and latency under load, next to a plain nginx proxy.

Starts a fast local origin (nginx serving /bucket/<key>, 403 to any request without an `Authorization:
AWS4-HMAC-SHA256 ...` header), then, one after the other, each target in front of it:

  ceiling  nginx doing plain proxy_pass with a fixed fake Authorization header: no signing, no logging. The
           best a proxy in the same place could do on this machine; every other row is compared to it.
  jvm      Origin Edge, `java -Xmx256m -jar quarkus-run.jar` (a private copy), default configuration
  native   Origin Edge, the native runner with -Xmx64m (when it exists)

Each target runs pinned to one CPU (--server-cpu, 0); wrk, curl and the origin share the other one
(--client-cpu, 1). Per target: `wrk -t1 -c{8,64,1000} --latency` on a 1 KiB and a 1 MiB object (a 1 s warm-up
run before each measured one; the JVM also gets --warmup s at c=8 on each object once after start), then one
1 GiB download with curl to /dev/null (MiB/s, the target's RSS sampled every 50 ms). The proxy's log (the
access log is on, as shipped) goes to a file; its ERROR lines are counted per row.

Prints one Markdown report and writes it to results.md next to this script (or --out). Exit status 1 if a
check failed (no X-B2-Host, wrong bytes, a target died). Needs nginx, wrk, curl, taskset and a JDK 17 `java`.

Standard library only (python3 >= 3.8). Talks only to 127.0.0.1. Every process it starts runs in its own
process group and is killed on exit; the scratch directory (with the 1 GiB object) is removed unless --keep.
"""
import argparse
import datetime
import hashlib
import http.client
import os
import platform
import re
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # bench/, for benchlib
from benchlib import (CHILDREN, HOST, REPO, free_port, log, mvnw, on_signal, private_copy, spawn,  # noqa: E402
                      stop, stop_all, vm_status_kib, RssSampler, clean_up)

KIB, MIB, GIB = 1024, 1024 * 1024, 1024 * 1024 * 1024
BUCKET = "bucket"
ORIGIN_NAME = "bench"
ACCESS_KEY = "AKIDBENCH"
SECRET_KEY = "benchsecret"
DEFAULT_JAR = os.path.join(REPO, "target/quarkus-app/quarkus-run.jar")
DEFAULT_NATIVE = os.path.join(REPO, "target/origin-edge-0.1.0-SNAPSHOT-runner")
TARGETS = ("ceiling", "jvm", "native")
NOFILE = 65536  # wanted soft RLIMIT_NOFILE for wrk -c1000 and the servers (capped at the hard limit)


# ---------------------------------------------------------------------------------------------- small helpers

def parse_size(text):
    m = re.fullmatch(r"\s*(\d+)\s*([kmg]?)(?:i?b)?\s*", text, re.I)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 64M, 1G, 1048576)")
    return int(m[1]) * {"": 1, "k": KIB, "m": MIB, "g": GIB}[m[2].lower()]


def human_size(n):
    for unit, size in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,} B"


def mib(kib):
    return kib / 1024.0


def raise_nofile():
    """Raises our soft RLIMIT_NOFILE (inherited by every child: wrk -c1000 needs > 1024 descriptors)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = NOFILE if hard == resource.RLIM_INFINITY else min(NOFILE, hard)
    if want > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def clean_env():
    """Our environment without anything that would configure the proxy behind our back."""
    return {k: v for k, v in os.environ.items()
            if not (k.startswith(("EDGE_", "QUARKUS_")) or k in ("FASTLY_POP", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"))}


def http_get(port, path, timeout=10.0, headers=None):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        r = conn.getresponse()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read()
    finally:
        conn.close()


def wait_until(what, predicate, deadline_s, proc, logfile):
    end = time.monotonic() + deadline_s
    last = None
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"{what}: exited with {proc.returncode} (see {logfile})")
        try:
            if predicate():
                return
        except (OSError, http.client.HTTPException) as e:
            last = e
        time.sleep(0.1)
    raise RuntimeError(f"{what}: not ready within {deadline_s} s ({last}; see {logfile})")


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        return "?"


def git_commit():
    def git(*a):
        return subprocess.run(["git", "--no-optional-locks"] + list(a), cwd=REPO, capture_output=True,
                              text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "?"
    return commit + ("+dirty" if git("status", "--porcelain", "--", "src", "pom.xml") else "")


def cpu_seconds(pid):
    """utime + stime of the process (all its threads), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ctx_switches(pid):
    """Context switches of the process so far: voluntary + involuntary, summed over its threads (a thread that
    ended since the last reading is missing from the sum; the proxy's threads live as long as it does)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                        total += int(line.split()[1])
        except OSError:
            pass  # the thread ended meanwhile
    return total


def run_child(argv, timeout, stdout=subprocess.PIPE):
    """Runs argv in its own process group (tracked in CHILDREN), at most `timeout` s; (returncode, out, err)."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE,
                            start_new_session=True)
    CHILDREN.append(proc)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(proc, grace=1.0)
        out, err = proc.communicate()
        err = (err or b"") + f"\n(killed after {timeout} s)".encode()
    finally:
        if proc in CHILDREN:
            CHILDREN.remove(proc)
    return proc.returncode, (out or b"").decode(errors="replace"), (err or b"").decode(errors="replace")


# ---------------------------------------------------------------------------------------------- objects

def write_objects(data, stream_size):
    """small.bin (1 KiB) and 1m.bin (1 MiB) random; 1g.bin: one random 1 MiB block repeated, each copy stamped
    with its index in its first 8 bytes (so that a dropped, repeated or reordered MiB changes the sha256).
    Returns {key: (size, sha256)}."""
    objects = {}
    for key, size in (("small.bin", KIB), ("1m.bin", MIB)):
        body = os.urandom(size)
        with open(os.path.join(data, key), "wb") as f:
            f.write(body)
        objects[key] = (size, hashlib.sha256(body).hexdigest())
    if stream_size:
        block = bytearray(os.urandom(MIB))
        h = hashlib.sha256()
        t = time.monotonic()
        with open(os.path.join(data, "1g.bin"), "wb") as f:
            left, i = stream_size, 0
            while left:
                struct.pack_into(">Q", block, 0, i)
                chunk = bytes(block[:min(MIB, left)])
                f.write(chunk)
                h.update(chunk)
                left -= len(chunk)
                i += 1
        objects["1g.bin"] = (stream_size, h.hexdigest())
        log(f"wrote 1g.bin ({stream_size:,} bytes) in {time.monotonic() - t:.1f} s")
    return objects


# ---------------------------------------------------------------------------------------------- nginx

NGINX_COMMON = """daemon off;
master_process off;
worker_processes 1;
worker_rlimit_nofile {nofile};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 8192; }}
"""
NGINX_HTTP = """  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  default_type application/octet-stream;
  client_body_temp_path {prefix}/client_temp;
  proxy_temp_path {prefix}/proxy_temp;
  fastcgi_temp_path {prefix}/fastcgi_temp;
  uwsgi_temp_path {prefix}/uwsgi_temp;
  scgi_temp_path {prefix}/scgi_temp;
"""

ORIGIN_CONF = NGINX_COMMON + """http {{
""" + NGINX_HTTP + """  server {{
    listen {host}:{port} backlog=4096;
    location /{bucket}/ {{
      if ($http_authorization !~ "^AWS4-HMAC-SHA256 ") {{ return 403; }}
      alias {data}/;
    }}
    location / {{ return 404; }}
  }}
}}
"""

CEILING_CONF = NGINX_COMMON + """http {{
""" + NGINX_HTTP + """  upstream origin {{
    server {host}:{origin_port};
    keepalive {keepalive};
    keepalive_requests 1000000;
  }}
  server {{
    listen {host}:{port} backlog=4096;
    location / {{
      proxy_pass http://origin/{bucket}/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "AWS4-HMAC-SHA256 fake";
      proxy_buffering off;
{buffer}    }}
  }}
}}
"""


def start_nginx(name, template, cpu, work, **fields):
    prefix = os.path.join(work, name)
    os.makedirs(prefix)
    port = free_port()
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w") as f:
        f.write(template.format(prefix=prefix, host=HOST, port=port, bucket=BUCKET, nofile=NOFILE_NOW, **fields))
    logfile = os.path.join(prefix, "stdout.log")
    argv = ["taskset", "-c", str(cpu), "nginx", "-p", prefix, "-c", conf, "-e", os.path.join(prefix, "error.log")]
    log(f"starting {name}: {' '.join(argv)}")
    proc = spawn(argv, prefix, logfile)
    return proc, port, conf, " ".join(argv)


def ceiling_buffer_conf(args):
    """proxy_buffer_size (what nginx reads at a time with proxy_buffering off); 0 = nginx's default (a page)."""
    b = args.ceiling_buffer // KIB
    if not b:
        return ""
    return (f"      proxy_buffer_size {b}k;\n      proxy_buffers 4 {b}k;\n"
            f"      proxy_busy_buffers_size {2 * b}k;\n")


def nginx_error_lines(work, name):
    path = os.path.join(work, name, "error.log")
    try:
        with open(path, errors="replace") as f:
            return [l.rstrip() for l in f if re.search(r"\[(error|crit|alert|emerg)\]", l)]
    except OSError:
        return []


# ---------------------------------------------------------------------------------------------- the proxy

def proxy_argv(kind, path, args, port, origin_port):
    props = {
        "quarkus.http.port": port, "quarkus.http.host": HOST,
        f"edge.origins.{ORIGIN_NAME}.endpoint": f"http://{HOST}:{origin_port}",
        f"edge.origins.{ORIGIN_NAME}.bucket": BUCKET,
        f"edge.origins.{ORIGIN_NAME}.addressing": "path",
        f"edge.origins.{ORIGIN_NAME}.region": "us-east-1",
        f"edge.origins.{ORIGIN_NAME}.access-key-id": ACCESS_KEY,
        f"edge.origins.{ORIGIN_NAME}.secret-access-key": SECRET_KEY,
        "edge.default-origin": ORIGIN_NAME,
        "edge.pops.SJC": ORIGIN_NAME,
        "edge.pop.default": "SJC",
    }
    flags = [f"-D{k}={v}" for k, v in props.items()]
    pin = ["taskset", "-c", str(args.server_cpu)]
    if kind == "jvm":
        return pin + [args.java, "-Xmx256m"] + flags + args.proxy_arg + ["-jar", path]
    return pin + [path, "-Xmx64m"] + flags + args.proxy_arg


def shown(argv):
    return " ".join(a.split("=")[0] + "=***" if "secret-access-key" in a else a for a in argv)


class LogCounter:
    """Counts ERROR lines written to the proxy's log since the last call."""

    def __init__(self, path):
        self.path, self.offset, self.samples = path, 0, []

    def new_errors(self):
        count = 0
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read()
        end = data.rfind(b"\n") + 1  # only whole lines; the rest next time
        self.offset += end
        for line in data[:end].decode(errors="replace").splitlines():
            if " ERROR " in line or '"level":"ERROR"' in line:
                count += 1
                if len(self.samples) < 5:
                    self.samples.append(line[:300])
        return count


# ---------------------------------------------------------------------------------------------- wrk

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def to_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    return float(m[1]) * UNIT_MS[m[2]] if m else None


def parse_wrk(out):
    r = {"mib_s": None, "rps": None, "p50": None, "p99": None, "non2xx": 0, "connect": 0, "read": 0, "write": 0,
         "timeout": 0, "requests": None}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if m:
        r["rps"] = float(m[1])
    for pct, key in (("50", "p50"), ("99", "p99")):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.M)
        if m:
            r[key] = to_ms(m[1])
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if m:
        r["non2xx"] = int(m[1])
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        r["connect"], r["read"], r["write"], r["timeout"] = (int(x) for x in m.groups())
    m = re.search(r"(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read", out)
    if m:
        r["requests"] = int(m[1])
    m = re.search(r"Transfer/sec:\s+([\d.]+)([KMGT]?B)", out)
    if m:  # wrk's units are binary (KB = 1024 B)
        r["mib_s"] = float(m[1]) * {"B": 1, "KB": KIB, "MB": MIB, "GB": GIB, "TB": GIB * KIB}[m[2]] / MIB
    r["wrk_rps"] = r["rps"]
    if r["rps"] is not None and r["requests"]:  # only 2xx/3xx count: a fast 503 is not throughput
        r["rps"] = r["rps"] * (r["requests"] - r["non2xx"]) / r["requests"]
    if not r["requests"]:
        r["p50"] = r["p99"] = None  # wrk prints 0.00us: no latency was measured
    return r


def wrk_argv(args, conns, seconds, url):
    return ["taskset", "-c", str(args.client_cpu), "wrk", "-t1", f"-c{conns}", f"-d{seconds}s", "--latency",
            "--timeout", args.wrk_timeout, url]


def run_wrk(args, conns, seconds, url):
    rc, out, err = run_child(wrk_argv(args, conns, seconds, url), timeout=seconds + 60)
    r = parse_wrk(out)
    r["rc"], r["raw"] = rc, out + err
    if rc != 0 or r["rps"] is None:
        log(f"    wrk failed (exit {rc}): {(out + err).strip()[-400:]}")
    return r


def errors_text(r):
    parts = [f"{name} {r[key]}" for key, name in (("non2xx", "non-2xx"), ("connect", "connect"), ("read", "read"),
                                                  ("write", "write"), ("timeout", "timeout")) if r[key]]
    if r["rc"] != 0 or r["rps"] is None:
        parts.append(f"wrk exit {r['rc']}")
    elif not r["requests"]:
        parts.append("no response completed")
    return ", ".join(parts) if parts else "0"


# ---------------------------------------------------------------------------------------------- stream

CURL_W = "%{size_download} %{speed_download} %{http_code}"


def stream(args, port, pid, size, sha):
    url = f"http://{HOST}:{port}/1g.bin"
    res = {}
    sampler = RssSampler(pid)
    res["rss_before"] = vm_status_kib(pid)["VmRSS"]
    sampler.start()
    rc, out, err = run_child(["taskset", "-c", str(args.client_cpu), "curl", "-sS", "--max-time",
                              str(args.stream_timeout), "-o", "/dev/null", "-w", CURL_W, url],
                             timeout=args.stream_timeout + 30)
    res["rss_peak"] = sampler.finish()
    m = re.fullmatch(r"(\d+) ([\d.]+) (\d+)", out.strip())
    res["size"], res["speed"], res["status"] = (int(m[1]), float(m[2]), int(m[3])) if m else (0, 0.0, 0)
    res["curl_rc"], res["err"] = rc, err.strip()
    res["ok"] = rc == 0 and res["status"] == 200 and res["size"] == size
    res["check"] = f"{res['status']}, {'size ✓' if res['size'] == size else 'size ✗'}"
    if args.verify:
        # A separate run: curl | sha256sum, both on the client CPU (not timed).
        log("    verifying: curl | sha256sum")
        curl = subprocess.Popen(["taskset", "-c", str(args.client_cpu), "curl", "-sS", "--max-time",
                                 str(args.stream_timeout), url], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                start_new_session=True)
        CHILDREN.append(curl)
        summer = subprocess.Popen(["taskset", "-c", str(args.client_cpu), "sha256sum"], stdin=curl.stdout,
                                  stdout=subprocess.PIPE, start_new_session=True)
        CHILDREN.append(summer)
        curl.stdout.close()
        try:
            digest = summer.communicate(timeout=args.stream_timeout + 30)[0].decode().split()[0]
            curl.wait(timeout=30)
        except (subprocess.TimeoutExpired, IndexError):
            digest = "?"
        finally:
            stop(summer, grace=1.0)
            stop(curl, grace=1.0)
        res["sha_ok"] = digest == sha
        res["ok"] = res["ok"] and res["sha_ok"]
        res["check"] += ", sha256 ✓" if res["sha_ok"] else f", sha256 ✗ ({digest[:12]})"
    log(f"    1g.bin: {res['speed'] / MIB:.0f} MiB/s, {res['size']:,} bytes, status {res['status']}, "
        f"RSS {mib(res['rss_before']):.1f} -> peak {mib(res['rss_peak']):.1f} MiB {res['err']}")
    return res


# ---------------------------------------------------------------------------------------------- one target

def check_bodies(port, objects, want_b2):
    """GET small.bin and 1m.bin once: status 200, exact bytes, X-B2-Host if want_b2. Returns (ok, text)."""
    notes, ok = [], True
    for key in ("small.bin", "1m.bin"):
        status, headers, body = http_get(port, f"/{key}")
        good = status == 200 and len(body) == objects[key][0] and hashlib.sha256(body).hexdigest() == objects[key][1]
        b2 = headers.get("x-b2-host")
        if want_b2 and not b2:
            good = False
        ok = ok and good
        notes.append(f"GET /{key} {status}, {len(body):,} bytes {'✓' if good else '✗'}"
                     + (f", X-B2-Host: {b2}" if want_b2 else ""))
    return ok, "; ".join(notes)


def bench_target(kind, args, work, origin_port, objects, artifact=None):
    out = {"kind": kind, "rows": [], "stream": None, "ok": True}
    log(f"== {kind}")
    if kind == "ceiling":
        proc, port, conf, cmd = start_nginx("ceiling", CEILING_CONF, args.server_cpu, work, origin_port=origin_port,
                                            keepalive=args.ceiling_keepalive, buffer=ceiling_buffer_conf(args))
        logfile, counter = os.path.join(work, "ceiling", "error.log"), None
        out["command"] = cmd
    else:
        port = free_port()
        argv = proxy_argv(kind, artifact, args, port, origin_port)
        logfile = os.path.join(work, f"proxy-{kind}.log")
        cwd = os.path.join(work, f"proxy-{kind}")
        os.makedirs(cwd)
        out["command"] = shown(argv)
        log(f"starting {kind}: {out['command']}")
        proc = spawn(argv, cwd, logfile, env=clean_env())
        counter = LogCounter(logfile)
    try:
        t0 = time.monotonic()
        wait_until(kind, lambda: (lambda s, h, b: s == 200 and len(b) == KIB)(*http_get(port, "/small.bin", 2)),
                   args.ready_timeout, proc, logfile)
        out["ready_s"] = time.monotonic() - t0
        ok, text = check_bodies(port, objects, want_b2=kind != "ceiling")
        out["check"] = text
        out["ok"] = ok
        log(f"  ready in {out['ready_s']:.1f} s; {text}")
        if counter:
            out["errors_start"] = counter.new_errors()
        if kind == "jvm" and args.warmup > 0:
            for key in args.keys:
                log(f"  JVM warm-up: {args.warmup} s, c=8, /{key}")
                run_wrk(args, 8, args.warmup, f"http://{HOST}:{port}/{key}")
            time.sleep(0.2)
            if counter:
                out["errors_warmup"] = counter.new_errors()
        for key in args.keys:
            for conns in args.conns:
                url = f"http://{HOST}:{port}/{key}"
                run_wrk(args, conns, 1, url)  # warm-up, not counted
                time.sleep(0.2)  # let the proxy log the warm-up's aborted transfers before we count
                if counter:
                    counter.new_errors()
                cpu0, cs0 = cpu_seconds(proc.pid), ctx_switches(proc.pid)
                r = run_wrk(args, conns, args.duration, url)
                r["cpu_us"] = (cpu_seconds(proc.pid) - cpu0) * 1e6 / r["requests"] if r["requests"] else None
                r["cs"] = (ctx_switches(proc.pid) - cs0) / r["requests"] if r["requests"] else None
                time.sleep(0.2)
                r["error_lines"] = counter.new_errors() if counter else None
                r["key"], r["conns"] = key, conns
                out["rows"].append(r)
                log(f"  {key} c={conns}: {r['rps'] or 0:.0f} req/s (2xx), {r['requests']} responses, "
                    f"p50 {r['p50']} ms, p99 {r['p99']} ms, "
                    f"CPU {r['cpu_us'] or 0:.0f} µs/req, {r['cs'] or 0:.2f} ctx sw/req, errors {errors_text(r)}" + (f", ERROR lines {r['error_lines']}" if counter else ""))
                if proc.poll() is not None:
                    raise RuntimeError(f"{kind} exited with {proc.returncode} during the load (see {logfile})")
        if "1g.bin" in objects:
            log(f"  stream: curl -o /dev/null /1g.bin")
            size, sha = objects["1g.bin"]
            out["stream"] = stream(args, port, proc.pid, size, sha)
            time.sleep(0.2)
            out["stream"]["error_lines"] = counter.new_errors() if counter else None
            out["ok"] = out["ok"] and out["stream"]["ok"]
        out["alive"] = proc.poll() is None
        out["ok"] = out["ok"] and out["alive"]
    except (RuntimeError, OSError, http.client.HTTPException) as e:
        log(f"  FAILED: {e!r}" if not isinstance(e, RuntimeError) else f"  FAILED: {e}")
        out["ok"], out["failure"] = False, str(e)
    finally:
        stop(proc)
    if counter:
        counter.new_errors()
        out["error_samples"] = counter.samples
        statuses, lines = {}, 0
        with open(logfile, "rb") as f:
            for line in f:
                lines += 1
                m = re.search(rb" status=(\d+) ", line)
                if m:
                    statuses[int(m[1])] = statuses.get(int(m[1]), 0) + 1
        out["log_lines"], out["statuses"] = lines, statuses
    else:
        out["error_samples"] = nginx_error_lines(work, "ceiling")[:5]
        out["nginx_errors"] = len(nginx_error_lines(work, "ceiling"))
    return out


# ---------------------------------------------------------------------------------------------- report

def fmt_ms(v):
    if v is None:
        return "–"
    return f"{v:.3f}" if v < 1 else f"{v:.2f}" if v < 100 else f"{v:.0f}"


def fmt_mib(v):
    return "–" if v is None else f"{v:.1f}" if v < 10 else f"{v:,.0f}"


def ratio(a, b, suffix="×"):
    if a is None or not b:
        return "–"
    return f"{a / b:.2f}{suffix}"


def report(args, results, skipped, objects, env):
    ceiling = next((t for t in results if t["kind"] == "ceiling"), None)
    ref = {(r["key"], r["conns"]): r for r in ceiling["rows"]} if ceiling else {}
    L = ["# Throughput: Origin Edge vs a plain nginx proxy (the ceiling)", ""]
    L.append(f"- when: {env['started']} → {env['ended']} · commit `{env['commit']}` · {os.cpu_count()} CPUs "
             f"({cpu_model()}) · Linux {platform.release()} · load average at start {env['load_start']}, "
             f"at end {env['load_end']}")
    L.append(f"- command: `{' '.join(['bench/throughput/run.py'] + sys.argv[1:])}`")
    L.append(f"- pinning: each target (ceiling nginx, proxy) on CPU {args.server_cpu}; wrk, curl **and the "
             f"origin nginx** on CPU {args.client_cpu} (`taskset -c`). RLIMIT_NOFILE {NOFILE_NOW}.")
    L.append(f"- load: `{' '.join(wrk_argv(args, '{C}', args.duration, 'http://127.0.0.1:<port>/<key>'))}` for "
             f"C in {', '.join(map(str, args.conns))}; before each, the same for 1 s (not counted)"
             + (f"; the JVM first gets {args.warmup} s at c=8 on each object" if args.warmup else "") + ".")
    L.append(f"- origin: `{env['origin_cmd']}` (nginx {env['nginx_version']}, 1 process, sendfile, keep-alive; "
             f"{env['origin_check']})")
    for t in results:
        extra = f" · ready {t['ready_s']:.1f} s after exec" if "ready_s" in t else ""
        L.append(f"- {t['kind']}: `{t['command']}`{extra}")
        if t.get("artifact_note"):
            L.append(f"  - {t['artifact_note']}")
        if t.get("check"):
            L.append(f"  - {t['check']}")
        if t.get("failure"):
            L.append(f"  - **FAILED**: {t['failure']}")
    for kind, why in skipped:
        L.append(f"- **{kind}: not run** — {why}")
    L += ["", "| target | object | c | req/s | responses | MiB/s | p50 ms | p99 ms | errors | ERROR lines "
          "| req/s vs ceiling | p99 vs ceiling | CPU µs/req | ctx sw/req |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for key in args.keys:
        for conns in args.conns:
            for t in results:
                r = next((x for x in t["rows"] if x["key"] == key and x["conns"] == conns), None)
                if r is None:
                    continue
                base = ref.get((key, conns))
                is_ref = t["kind"] == "ceiling"
                L.append(f"| {t['kind']} | {human_size(objects[key][0])} | {conns} | "
                         f"{r['rps'] or 0:,.0f} | {r['requests'] or 0:,} | {fmt_mib(r['mib_s'])} | {fmt_ms(r['p50'])} | {fmt_ms(r['p99'])} | {errors_text(r)} | "
                         f"{'–' if r['error_lines'] is None else r['error_lines']} | "
                         f"{'1 (ref)' if is_ref else ratio(r['rps'], base and base['rps'])} | "
                         f"{'1 (ref)' if is_ref else ratio(r['p99'], base and base['p99'])} | "
                         f"{'–' if r['cpu_us'] is None else format(r['cpu_us'], ',.0f')} | "
                         f"{'–' if r.get('cs') is None else format(r['cs'], '.2f')} |")
    streams = [t for t in results if t.get("stream")]
    if streams:
        size = objects["1g.bin"][0]
        cs = ceiling["stream"]["speed"] if ceiling and ceiling.get("stream") else None
        L += ["", f"Stream: one `curl -o /dev/null` of {human_size(size)} (`1g.bin`) per target "
              f"(`taskset -c {args.client_cpu} curl -sS -o /dev/null -w '{CURL_W}'`)"
              + (", then a separate `curl | sha256sum` run" if args.verify else "") + ":", "",
              "| target | MiB/s | vs ceiling | bytes | check | RSS before MiB | RSS peak MiB | growth MiB "
              "| ERROR lines |", "|---|---|---|---|---|---|---|---|---|"]
        for t in streams:
            s = t["stream"]
            L.append(f"| {t['kind']} | {s['speed'] / MIB:,.0f} | "
                     f"{'1 (ref)' if t['kind'] == 'ceiling' else ratio(s['speed'], cs)} | {s['size']:,} | "
                     f"{s['check']} | {mib(s['rss_before']):.1f} | {mib(s['rss_peak']):.1f} | "
                     f"{mib(s['rss_peak'] - s['rss_before']):+.1f} | "
                     f"{'–' if s['error_lines'] is None else s['error_lines']} |")
    L += ["", "Notes:", "",
          "- *req/s*: wrk's `Requests/sec` × the share of 2xx/3xx responses (error responses do not count). "
          "*p50*, *p99*: wrk's `--latency` distribution, all responses (wrk 4, not corrected for coordinated "
          "omission; a request slower than `--timeout` counts as a timeout and is left out of the distribution). *responses*: wrk's count of completed responses in the measured run; when it is "
          "not much more than c, req/s is coarse (transfers still running at the end are not counted): with "
          "1 MiB at c=1000 every connection must complete a 1 MiB body within the run, so look at *MiB/s* "
          "(wrk's `Transfer/sec`: all bytes read, finished responses or not, headers included) or use a longer "
          "--duration. "
          "*vs ceiling*: this row / the ceiling's row for the same object and c (req/s: "
          "higher is better, 1.00× = as fast as nginx; p99: lower is better).",
          "- *CPU µs/req*: CPU time (user + system, all threads) the target used during the measured run, "
          "divided by *responses*; less sensitive to other load on the machine than req/s. *ctx sw/req*: the "
          "target's context switches (voluntary + involuntary, all threads: `/proc/<pid>/task/*/status`) during "
          "the measured run ÷ *responses*; a thread that blocks or is woken per request shows here.",
          "- *errors*: wrk's non-2xx/3xx responses and socket errors (connect, read, write, timeout), each "
          "named; `0` = none. *ERROR lines*: lines of the proxy's log (stdout+stderr) containing ` ERROR ` or "
          "`\"level\":\"ERROR\"` written during that measured run (warm-ups not included; see below).",
          f"- the ceiling: nginx `proxy_pass` with `upstream {{ keepalive {args.ceiling_keepalive}; }}`, HTTP/1.1, "
          f"`proxy_buffering off`, `proxy_buffer_size {args.ceiling_buffer // KIB or 'default '}k`, a fixed "
          "`Authorization: AWS4-HMAC-SHA256 fake` (no signing), no access log. The proxy signs every request "
          "(SigV4) and writes one access-log line per request to its console (redirected to a file), as shipped.",
          "- *RSS* of the target's process (`/proc/<pid>/status` VmRSS, sampled every 50 ms during the download; "
          "*growth* = peak − before). MiB/s is curl's `speed_download` / 2^20.",
          f"- the machine is shared: the origin nginx and wrk compete for CPU {args.client_cpu}; figures are "
          "relative (same run, same machine), not absolute capacity."]
    for t in results:
        if t["kind"] == "ceiling":
            if t.get("nginx_errors"):
                L.append(f"- ceiling nginx error.log: {t['nginx_errors']} [error]/[crit]/[alert] lines, e.g. "
                         + " / ".join(f"`{x[:200]}`" for x in t["error_samples"][:2]))
            continue
        extra = []
        if t.get("errors_start"):
            extra.append(f"{t['errors_start']} at start-up")
        if t.get("errors_warmup"):
            extra.append(f"{t['errors_warmup']} during the JVM warm-up")
        if t.get("log_lines") is not None:
            extra.append(f"log: {t['log_lines']:,} lines in all, {sum(t['statuses'].values()):,} access-log "
                         "lines (warm-ups included) with status " +
                         ", ".join(f"{k}: {v:,}" for k, v in sorted(t["statuses"].items())))
        L.append(f"- {t['kind']}: " + "; ".join(extra) + (
            ("; first ERROR lines: " + " / ".join(f"`{x[:200]}`" for x in t["error_samples"][:3]))
            if t["error_samples"] else "; no ERROR line"))
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------------------------------------- main

def parse_only(values):
    kinds = []
    for v in values or []:
        for k in v.split(","):
            k = k.strip()
            if k not in TARGETS:
                sys.exit(f"error: --only {k!r}: choose from {', '.join(TARGETS)}")
            kinds.append(k)
    return [k for k in TARGETS if not kinds or k in kinds]


def artifact_note(src):
    st = os.stat(src)
    mtime = datetime.datetime.fromtimestamp(st.st_mtime, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    rel = os.path.relpath(src, REPO) if os.path.abspath(src).startswith(REPO + os.sep) else src
    return f"artifact `{rel}` built {mtime}, measured from a private copy"


def main():
    global NOFILE_NOW
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--only", action="append", metavar="TARGET[,TARGET]",
                   help="ceiling, jvm, native (repeatable or comma list; default all)")
    p.add_argument("--jar", default=DEFAULT_JAR, help="quarkus-run.jar (its whole quarkus-app dir is copied)")
    p.add_argument("--native", default=None, help=f"native runner (default {os.path.relpath(DEFAULT_NATIVE, REPO)} "
                   "when it exists)")
    p.add_argument("--no-build", action="store_true", help="do not run ./mvnw package (default: build when --jar "
                   "is the default and jvm is measured)")
    p.add_argument("--proxy-arg", action="append", default=[], metavar="ARG",
                   help="extra argument for the proxy (JVM option or -Dprop=value; repeatable)")
    p.add_argument("--duration", type=int, default=5, help="seconds per measured wrk run (5)")
    p.add_argument("--warmup", type=int, default=15, help="JVM warm-up, seconds at c=8 per object (15; 0 = none)")
    p.add_argument("--conns", default="8,64,1000", help="wrk connection counts (8,64,1000)")
    p.add_argument("--wrk-timeout", default="10s", help="wrk --timeout (10s; wrk's own default is 2s)")
    p.add_argument("--no-stream", action="store_true", help="skip the 1 GiB download")
    p.add_argument("--stream-size", type=parse_size, default=GIB, help="size of 1g.bin (1G; e.g. 64M)")
    p.add_argument("--stream-timeout", type=int, default=600, help="curl --max-time for the download (600)")
    p.add_argument("--verify", action="store_true", help="also check the download's sha256 (curl | sha256sum)")
    p.add_argument("--ceiling-keepalive", type=int, default=64, help="nginx upstream keepalive (64)")
    p.add_argument("--ceiling-buffer", type=parse_size, default=64 * KIB,
                   help="nginx proxy_buffer_size of the ceiling (64k; 0 = nginx's default, one page)")
    p.add_argument("--server-cpu", type=int, default=0, help="CPU for the target under test (0)")
    p.add_argument("--client-cpu", type=int, default=1, help="CPU for wrk, curl and the origin (1)")
    p.add_argument("--ready-timeout", type=int, default=120)
    p.add_argument("--java", default="java")
    p.add_argument("--out", default=os.path.join(HERE, "results.md"))
    p.add_argument("--keep", action="store_true", help="keep the scratch directory (logs, objects)")
    args = p.parse_args()
    args.conns = [int(c) for c in args.conns.split(",")]
    args.keys = ["small.bin", "1m.bin"]
    args.proxy_arg = [a for a in args.proxy_arg]

    missing = [t for t in ("nginx", "wrk") if not shutil.which(t)]
    if missing:
        print("needs: apt-get install nginx wrk", file=sys.stderr)
        sys.exit(2)
    for tool in ("curl", "taskset"):
        if not shutil.which(tool):
            sys.exit(f"error: {tool} not found")
    cpus = os.sched_getaffinity(0)
    if args.server_cpu not in cpus or args.client_cpu not in cpus or args.server_cpu == args.client_cpu:
        sys.exit(f"error: needs two distinct usable CPUs for --server-cpu/--client-cpu (have {sorted(cpus)})")

    kinds = parse_only(args.only)
    skipped, artifacts = [], {}
    if "jvm" in kinds:
        if not shutil.which(args.java):
            sys.exit(f"error: {args.java} not found")
        if not args.no_build and os.path.abspath(args.jar) == DEFAULT_JAR:
            mvnw(["package", "-DskipTests"], "building the JVM app")
        if os.path.exists(args.jar):
            artifacts["jvm"] = args.jar
        else:
            skipped.append(("jvm", f"`{args.jar}` does not exist"))
    if "native" in kinds:
        path = args.native or DEFAULT_NATIVE
        if os.path.exists(path):
            artifacts["native"] = path
        elif args.native:
            sys.exit(f"error: --native {path}: no such file")
        else:
            skipped.append(("native", f"`{os.path.relpath(path, REPO)}` does not exist (build: ./mvnw package -Dnative)"))
    kinds = [k for k in kinds if k == "ceiling" or k in artifacts]
    if not kinds:
        sys.exit("error: nothing to measure" + "".join(f"; {k}: {why}" for k, why in skipped))

    NOFILE_NOW = raise_nofile()
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    # The script itself (sampling, parsing) stays off the CPU under test.
    os.sched_setaffinity(0, {args.client_cpu})
    env = {"started": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
           "load_start": loadavg(), "commit": git_commit(),
           "nginx_version": subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
           .rsplit("/", 1)[-1]}

    work = tempfile.mkdtemp(prefix="origin-edge-throughput-")
    os.chmod(work, 0o700)
    failed = False
    try:
        data = os.path.join(work, "data")
        os.makedirs(data)
        objects = write_objects(data, 0 if args.no_stream else args.stream_size)
        copies = {k: private_copy(k, v, work) for k, v in artifacts.items()}

        oproc, oport, _, env["origin_cmd"] = start_nginx("origin", ORIGIN_CONF, args.client_cpu, work, data=data)
        wait_until("origin", lambda: http_get(oport, f"/{BUCKET}/small.bin", 2)[0] == 403, 30, oproc,
                   os.path.join(work, "origin", "error.log"))
        unsigned = http_get(oport, f"/{BUCKET}/small.bin")[0]
        signed = http_get(oport, f"/{BUCKET}/small.bin", headers={"Authorization": "AWS4-HMAC-SHA256 x"})[0]
        env["origin_check"] = f"GET without Authorization: {unsigned}, with `AWS4-HMAC-SHA256 …`: {signed}"
        if (unsigned, signed) != (403, 200):
            raise RuntimeError(f"origin misbehaves: {env['origin_check']}")

        results = []
        for kind in kinds:
            res = bench_target(kind, args, work, oport, objects, copies.get(kind))
            if kind in artifacts:
                res["artifact_note"] = artifact_note(artifacts[kind])
            results.append(res)
            if oproc.poll() is not None:
                raise RuntimeError(f"the origin exited with {oproc.returncode}")
        origin_errors = nginx_error_lines(work, "origin")
        stop(oproc)
        env["ended"] = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M:%S UTC")
        env["load_end"] = loadavg()
        failed = not all(t["ok"] for t in results)
        text = report(args, results, skipped, objects, env)
        if origin_errors:
            text += (f"- origin nginx error.log: {len(origin_errors)} [error]/[crit]/[alert] lines, e.g. "
                     + " / ".join(f"`{x[:200]}`" for x in origin_errors[:2]) + "\n")
        with open(args.out, "w") as f:
            f.write(text)
        print(text)
        log(f"written to {args.out}; {'SOME CHECKS FAILED' if failed else 'all checks passed'}")
    except RuntimeError as e:
        log(f"error: {e}")
        failed = True
    finally:
        clean_up(work, args.keep)
    sys.exit(1 if failed else 0)


NOFILE_NOW = NOFILE

if __name__ == "__main__":
    main()
