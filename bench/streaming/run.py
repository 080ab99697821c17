#!/usr/bin/env python3
"""Streaming benchmark for Origin Edge: a 1 GiB object through a proxy limited to a 64 MB heap.

Starts S3Proxy (a real S3 server that checks SigV4; filesystem store) on 127.0.0.1 with one private 1 GiB
object of random bytes, then for each artifact (JVM quarkus-run.jar, native runner):

  1. full speed: N x `curl GET /big-1GiB.bin` through the proxy; the first run is checked byte for byte
     (sha256 of what curl received == sha256 of the file written), the others go to /dev/null; records
     throughput, time to first byte, and the proxy's VmRSS (sampled every 10 ms) and VmHWM (the kernel's
     peak, reset through /proc/<pid>/clear_refs just before the transfer);
  2. slow client: `curl --limit-rate 20M --max-time 6` then abort; records the proxy's RSS before/peak/after
     and how many bytes the origin had sent (S3Proxy's /proc/<pid>/io wchar) vs what the client received:
     with back-pressure the difference is only socket buffers, without it the origin would send the whole
     object at full speed into the proxy's memory;
  3. the proxy must still serve a small object after the abort.

Plus a direct-to-S3Proxy baseline (curl --aws-sigv4), so that the proxy's overhead can be seen.
Writes results.md next to this script (or --out) and prints it. Exit status 1 if a check failed.

Standard library only (python3 >= 3.8), plus curl and a JDK 17 `java`. Talks only to 127.0.0.1.
Every process it starts is killed on exit; the scratch directory (and the 1 GiB file) is removed unless --keep.
"""
import argparse
import datetime
import hashlib
import http.client
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # bench/, for benchlib
from benchlib import (CHILDREN, HOST, REPO, free_port, log, mvnw, on_signal, origin_java_argv,  # noqa: E402
                      private_copy, spawn, stop, stop_all, test_classpath, vm_status_kib, RssSampler, clean_up)

BUCKET = "bench-bucket"
BIG_KEY = "big-1GiB.bin"
SMALL_KEY = "small.txt"
SMALL_BODY = b"streaming bench: small object\n"
ACCESS_KEY = "AKIDSTREAMBENCH"
SECRET_KEY = "streaming-bench-secret-" + os.urandom(6).hex()
MIB = 1024 * 1024


# ---------------------------------------------------------------------------------------------- processes

def io_counters(pid):
    out = {}
    with open(f"/proc/{pid}/io") as f:
        for line in f:
            key, _, rest = line.partition(":")
            out[key] = int(rest)
    return out


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def reset_hwm(pid):
    """Reset VmHWM to the current RSS (Linux >= 4.0). False if not allowed."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


# ---------------------------------------------------------------------------------------------- HTTP

def http_get(port, path, timeout=10.0, method="GET"):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path)
        r = conn.getresponse()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read()
    finally:
        conn.close()


def wait_until(what, predicate, deadline_s, proc=None, logfile=None):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc is not None and proc.poll() is not None:
            sys.exit(f"error: {what}: process exited with {proc.returncode} (see {logfile})")
        try:
            if predicate():
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.1)
    sys.exit(f"error: {what}: not ready within {deadline_s} s" + (f" (see {logfile})" if logfile else ""))


CURL_W = "%{stderr}\nCURLW %{http_code} %{size_download} %{speed_download} %{time_starttransfer} %{time_total}\n"


def curl(url, extra, sink_hash, timeout, sample_pid=None, io_pid=None):
    """Runs curl; returns a dict of its figures (+ sha256 of the body if sink_hash, + RSS samples of
    sample_pid). The body is hashed in this process (hashlib, SHA-NI) from curl's stdout."""
    argv = ["curl", "-sS", "--max-time", str(timeout), "-w", CURL_W, "-o", "-" if sink_hash else "/dev/null"]
    argv += extra + [url]
    sampler = RssSampler(sample_pid, interval=0.01) if sample_pid else None
    before = {}
    if sample_pid:
        before = {"rss": vm_status_kib(sample_pid)["VmRSS"], "hwm_reset": reset_hwm(sample_pid),
                  "cpu": cpu_seconds(sample_pid)}
    if io_pid:
        before["io"] = io_counters(io_pid)
    if sampler:
        sampler.start()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE if sink_hash else None,
                            stderr=subprocess.PIPE)
    CHILDREN.append(proc)
    digest = None
    err = b""
    try:
        if sink_hash:
            h = hashlib.sha256()
            stderr_chunks = []
            t = threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read()), daemon=True)
            t.start()
            while True:
                chunk = proc.stdout.read(MIB)
                if not chunk:
                    break
                h.update(chunk)
            digest = h.hexdigest()
            proc.wait(timeout=timeout + 30)
            t.join(timeout=10)
            err = b"".join(stderr_chunks)
        else:
            _, err = proc.communicate(timeout=timeout + 30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        CHILDREN.remove(proc)
    res = {"exit": proc.returncode, "sha256": digest}
    if sampler:
        res["rss_peak_sampled"] = sampler.finish()
        res["samples"] = len(sampler.samples)
        st = vm_status_kib(sample_pid)
        res["rss_before"], res["rss_end"] = before["rss"], st["VmRSS"]
        res["hwm"] = st["VmHWM"] if before["hwm_reset"] else None
        res["cpu"] = cpu_seconds(sample_pid) - before["cpu"]
    if io_pid:
        now = io_counters(io_pid)
        res["io_before"], res["io_end"] = before["io"], now
    text = err.decode(errors="replace")
    m = re.search(r"CURLW (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", text)
    if not m:
        raise RuntimeError(f"curl printed no figures: {text.strip()}")
    res.update(status=int(m[1]), size=int(m[2]), speed=float(m[3]), ttfb=float(m[4]), total=float(m[5]),
               stderr=text[:m.start()].strip())
    return res


# ---------------------------------------------------------------------------------------------- set-up

def write_object(path, size):
    """`size` random bytes (os.urandom) into `path`, mode 0600; returns the sha256."""
    h = hashlib.sha256()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        left = size
        while left:
            chunk = os.urandom(min(4 * MIB, left))
            h.update(chunk)
            f.write(chunk)
            left -= len(chunk)
    return h.hexdigest()


def start_s3proxy(args, work, cp):
    basedir = os.path.join(work, "s3data")
    bucket = os.path.join(basedir, BUCKET)
    os.makedirs(bucket)
    # Private bucket and objects: the filesystem store reports "others may read" as public-read, and S3Proxy
    # serves public objects to anonymous requests. 0700/0600 makes every unsigned request a 403.
    os.chmod(basedir, 0o700)
    os.chmod(bucket, 0o700)
    fd = os.open(os.path.join(bucket, SMALL_KEY), os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(SMALL_BODY)
    big = os.path.join(bucket, BIG_KEY)
    log(f"writing {args.size} random bytes to {big}")
    t = time.monotonic()
    sha = write_object(big, args.size)
    log(f"  done in {time.monotonic() - t:.1f} s, sha256 {sha}")

    port = free_port()
    conf = os.path.join(work, "s3proxy.conf")
    with open(conf, "w") as f:
        f.write(f"s3proxy.endpoint=http://{HOST}:{port}\ns3proxy.authorization=aws-v2-or-v4\n"
                f"s3proxy.identity={ACCESS_KEY}\ns3proxy.credential={SECRET_KEY}\n"
                f"jclouds.provider=filesystem\njclouds.filesystem.basedir={basedir}\n")
    os.chmod(conf, 0o600)
    argv = origin_java_argv(args.java, os.path.join(work, "s3proxy-logging.properties"), cp,
                            ["org.gaul.s3proxy.Main", "--properties", conf])
    logfile = os.path.join(work, "s3proxy.log")
    log(f"starting S3Proxy on {HOST}:{port}")
    proc = spawn(argv, work, logfile)
    wait_until("S3Proxy", lambda: http_get(port, "/", timeout=2)[0] in (200, 403), 120, proc, logfile)
    return proc, port, sha, logfile


def sigv4(extra=None):
    return ["--aws-sigv4", "aws:amz:us-east-1:s3", "--user", f"{ACCESS_KEY}:{SECRET_KEY}",
            "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"] + (extra or [])


def check_origin(s3port):
    """The origin really checks SigV4: unsigned and badly signed requests are refused, signed ones served."""
    url = f"http://{HOST}:{s3port}/{BUCKET}/{SMALL_KEY}"
    def code(extra):
        return subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10"]
                              + extra + [url], capture_output=True, text=True).stdout
    unsigned = code([])
    wrong = code(["--aws-sigv4", "aws:amz:us-east-1:s3", "--user", f"{ACCESS_KEY}:wrong-secret",
                  "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"])
    signed = code(sigv4())
    ok = unsigned == "403" and wrong == "403" and signed == "200"
    return ok, f"origin: unsigned GET {unsigned}, wrong secret {wrong}, signed {signed}"


def start_proxy(kind, path, args, work, s3port):
    port = free_port()
    props = {
        "quarkus.http.port": port, "quarkus.http.host": HOST,
        "edge.origins.us.endpoint": f"http://{HOST}:{s3port}", "edge.origins.us.bucket": BUCKET,
        "edge.origins.us.addressing": "path", "edge.origins.us.region": "us-east-1",
        "edge.origins.us.access-key-id": ACCESS_KEY, "edge.origins.us.secret-access-key": SECRET_KEY,
    }
    flags = [f"-Xmx{args.xmx}"] + [f"-D{k}={v}" for k, v in props.items()]
    argv = ([args.java] + flags + ["-jar", path]) if kind == "jvm" else ([path] + flags)
    shown = " ".join(a if "secret-access-key" not in a else a.split("=")[0] + "=***" for a in argv)
    logfile = os.path.join(work, f"proxy-{kind}.log")
    log(f"starting {kind}: {shown}")
    t0 = time.monotonic()
    proc = spawn(argv, work, logfile)
    wait_until(f"proxy {kind}", lambda: http_get(port, "/q/health", timeout=2)[0] == 200, 90, proc, logfile)
    return proc, port, time.monotonic() - t0, shown, logfile


# ---------------------------------------------------------------------------------------------- the runs

def mb_s(bps):
    return bps / 1e6


def mib(kib):
    return kib / 1024.0


def full_speed_runs(label, url, extra, args, sha, pid=None):
    rows = []
    for i in range(1, args.runs + 1):
        verify = i == 1
        log(f"  {label} run {i}/{args.runs} ({'sha256 verified' if verify else 'to /dev/null'})")
        r = curl(url, extra, verify, args.timeout, sample_pid=pid)
        r["run"], r["verified"] = i, verify
        r["ok"] = r["status"] == 200 and r["size"] == args.size and r["exit"] == 0 and \
            (not verify or r["sha256"] == sha)
        if not r["ok"]:
            log(f"    FAILED: status {r['status']}, {r['size']} bytes, curl exit {r['exit']}, sha256 {r['sha256']}"
                f" {r['stderr']}")
        rows.append(r)
        extra_fig = ""
        if pid:
            extra_fig = (f", RSS {mib(r['rss_before']):.0f} -> peak {mib(r['rss_peak_sampled']):.0f} MiB"
                         f" (HWM {mib(r['hwm']):.0f})" if r["hwm"] else "")
        log(f"    {mb_s(r['speed']):.0f} MB/s, TTFB {r['ttfb'] * 1000:.1f} ms{extra_fig}")
    return rows


def slow_client(port, pid, s3pid, args):
    url = f"http://{HOST}:{port}/{BIG_KEY}"
    log(f"  slow client: --limit-rate {args.rate} for {args.slow_seconds} s, then abort")
    origin_before = io_counters(s3pid)["wchar"]
    proxy_io_before = io_counters(pid)
    r = curl(url, ["--limit-rate", args.rate], False, args.slow_seconds, sample_pid=pid)
    origin_at_abort = io_counters(s3pid)["wchar"] - origin_before
    proxy_io = io_counters(pid)
    proxy_read_at_abort = proxy_io["rchar"] - proxy_io_before["rchar"]
    proxy_wrote_at_abort = proxy_io["wchar"] - proxy_io_before["wchar"]
    time.sleep(args.settle)
    origin_after = io_counters(s3pid)["wchar"] - origin_before
    st = vm_status_kib(pid)
    r.update(origin_sent=origin_at_abort, origin_sent_settled=origin_after, proxy_read=proxy_read_at_abort,
             proxy_wrote=proxy_wrote_at_abort,
             rss_settled=st["VmRSS"])
    # Still serving?
    status, headers, body = http_get(port, f"/{SMALL_KEY}")
    r["after_ok"] = status == 200 and body == SMALL_BODY
    in_flight = origin_after - r["size"]
    growth = r["rss_peak_sampled"] - r["rss_before"]
    r["in_flight"], r["rss_growth"] = in_flight, growth
    r["ok"] = (r["exit"] == 28 and r["status"] == 200 and 0 < r["size"] < args.size and r["after_ok"]
               and in_flight <= args.max_in_flight_mib * MIB and growth <= args.max_rss_growth_mib * 1024)
    log(f"    client got {r['size'] / 1e6:.0f} MB in {r['total']:.1f} s (curl exit {r['exit']}); origin sent "
        f"{origin_after / 1e6:.0f} MB; in flight {in_flight / 1e6:.1f} MB; RSS {mib(r['rss_before']):.0f} -> "
        f"peak {mib(r['rss_peak_sampled']):.0f} -> {mib(st['VmRSS']):.0f} MiB; small GET after: {status}; "
        f"proxy read {proxy_read_at_abort / 1e6:.1f} MB, wrote {proxy_wrote_at_abort / 1e6:.1f} MB")
    return r


def artifact_info(path):
    st = os.stat(path)
    mtime = datetime.datetime.fromtimestamp(st.st_mtime, datetime.timezone.utc)
    newest_src = 0.0
    for root, _, files in os.walk(os.path.join(REPO, "src", "main")):
        for name in files:
            newest_src = max(newest_src, os.stat(os.path.join(root, name)).st_mtime)
    stale = newest_src > st.st_mtime
    return mtime.strftime("%Y-%m-%d %H:%M:%S UTC"), stale


def bench_artifact(kind, src, args, work, s3port, s3pid, sha):
    # Copy first, so that a rebuild of target/ during the run cannot change what is measured.
    mtime, stale = artifact_info(src)
    path = private_copy(kind, src, work)
    proc, port, ready_s, shown, logfile = start_proxy(kind, path, args, work, s3port)
    out = {"kind": kind, "src": os.path.relpath(src, REPO) if os.path.abspath(src).startswith(REPO + os.sep) else src, "mtime": mtime, "stale": stale, "command": shown,
           "ready_s": ready_s}
    try:
        status, headers, body = http_get(port, f"/{SMALL_KEY}")
        out["sanity"] = (status == 200 and body == SMALL_BODY and "x-b2-host" in headers,
                         f"proxy GET /{SMALL_KEY}: {status}, X-B2-Host: {headers.get('x-b2-host')}")
        status, headers, _ = http_get(port, f"/{BIG_KEY}", method="HEAD")
        out["head"] = (status, headers.get("content-length"), headers.get("x-b2-host"))
        url = f"http://{HOST}:{port}/{BIG_KEY}"
        out["idle_rss"] = vm_status_kib(proc.pid)["VmRSS"]
        out["runs"] = full_speed_runs(kind, url, [], args, sha, pid=proc.pid)
        out["slow"] = slow_client(port, proc.pid, s3pid, args)
        out["alive"] = proc.poll() is None
    finally:
        stop(proc)
    with open(logfile, errors="replace") as f:
        out["log_tail"] = [line.rstrip() for line in f if " ERROR " in line or "OutOfMemory" in line][-5:]
    return out


# ---------------------------------------------------------------------------------------------- report

def fmt_runs(label, rows, proxy=True):
    lines = []
    for r in rows:
        check = ("sha256 ✓" if r["ok"] else "✗ FAILED") if r["verified"] else ("size ✓" if r["ok"] else "✗ FAILED")
        if proxy:
            hwm = f"{mib(r['hwm']):.0f}" if r.get("hwm") else "n/a"
            mem = (f"{mib(r['rss_before']):.0f} | {mib(r['rss_peak_sampled']):.0f} | {hwm} | "
                   f"{mib(r['rss_end']):.0f} | {r['cpu']:.1f}")
        else:
            mem = "– | – | – | – | –"
        lines.append(f"| {label} | {r['run']} | {check} | {r['size']:,} | {mb_s(r['speed']):.0f} | "
                     f"{r['ttfb'] * 1000:.1f} | {r['total']:.2f} | {mem} |")
    return lines


def tcp_rmem_max():
    try:
        with open("/proc/sys/net/ipv4/tcp_rmem") as f:
            return f"{int(f.read().split()[2]) / MIB:g} MiB"
    except (OSError, IndexError, ValueError):
        return "?"


def report(args, sha, origin_check, direct, results, skipped, started, load):
    origin_speed = statistics.median(r["speed"] for r in direct) if direct else None
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "pom.xml"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    L = [f"# Streaming benchmark: {args.size:,}-byte object, proxy heap -Xmx{args.xmx}", ""]
    L.append(f"- when: {started} · commit `{commit}`{' (src/ or pom.xml modified)' if dirty else ''} · "
             f"{os.cpu_count()} CPUs ({cpu}) · Linux {platform.release()} · load before {load}")
    L.append(f"- command: `{' '.join(['bench/streaming/run.py'] + sys.argv[1:])}`")
    L.append(f"- object: `{BIG_KEY}`, {args.size:,} random bytes, sha256 `{sha}`; "
             f"{origin_check[1]}")
    L.append("- origin: S3Proxy 4.1.0 (filesystem store, SigV4 checked, `java -Xmx256m`) on 127.0.0.1; "
             "client: curl on 127.0.0.1. MB = 10^6 bytes, MiB = 2^20 bytes.")
    for kind, why in skipped:
        L.append(f"- **{kind}: not run** — {why}")
    for res in results:
        L.append(f"- {res['kind']}: `{res['src']}` built {res['mtime']}"
                 f"{' (**older than src/main**)' if res['stale'] else ''}; ready {res['ready_s']:.1f} s after exec;"
                 f" {res['sanity'][1]}; HEAD: {res['head'][0]}, Content-Length {res['head'][1]}")
        L.append(f"  - command: `{res['command']}`")
    L += ["", "## Full speed (run 1 piped into sha256 by the benchmark, later runs to /dev/null)", "",
          "| path | run | check | bytes | MB/s | TTFB ms | total s | RSS before MiB | RSS peak MiB (10 ms samples) "
          "| VmHWM MiB | RSS after MiB | proxy CPU s |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    if direct:
        L += fmt_runs("direct to S3Proxy", direct, proxy=False)
    for res in results:
        L += fmt_runs(f"proxy {res['kind']}", res["runs"])
    L += ["", f"## Slow client (`curl --limit-rate {args.rate} --max-time {args.slow_seconds}`, then abort; "
          f"figures {args.settle:g} s after the abort)", "",
          "| proxy | client got MB | origin sent MB | in flight MB | of which in the proxy MB "
          "| origin could send MB | RSS before MiB | RSS peak MiB | RSS after MiB | RSS growth MiB "
          "| small GET after | check |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for res in results:
        s = res["slow"]
        could = f"{min(args.size, origin_speed * s['total']) / 1e6:.0f}" if origin_speed else "–"
        L.append(f"| {res['kind']} | {s['size'] / 1e6:.1f} | {s['origin_sent_settled'] / 1e6:.1f} | "
                 f"{s['in_flight'] / 1e6:.1f} | {(s['proxy_read'] - s['proxy_wrote']) / 1e6:.1f} | {could} | {mib(s['rss_before']):.0f} | {mib(s['rss_peak_sampled']):.0f} | "
                 f"{mib(s['rss_settled']):.0f} | {mib(s['rss_growth']):+.1f} | {'200' if s['after_ok'] else 'FAILED'} | "
                 f"{'✓' if s['ok'] else '✗ FAILED'} |")
    L += ["", "Notes:", "",
          "- *TTFB* is curl's `time_starttransfer`; *MB/s* is curl's `speed_download`.",
          "- *RSS peak* is the highest VmRSS of the proxy process sampled every 10 ms during the transfer; *VmHWM* "
          "is the kernel's peak RSS, reset to the current RSS (`/proc/<pid>/clear_refs` = 5) just before it.",
          "- *origin sent* is the growth of S3Proxy's `/proc/<pid>/io` `wchar` (bytes it wrote to sockets) from the "
          "start of the slow request to " + f"{args.settle:g} s after curl gave up; *in flight* = origin sent − "
          "client got, i.e. what sat in socket buffers and the proxy. *of which in the proxy* = bytes the proxy had read "
          "minus bytes it had written (its own `/proc/<pid>/io` `rchar` − `wchar` growth) when curl gave up: what it "
          "held in memory; the rest was in the kernel's socket buffers on loopback (`net.ipv4.tcp_rmem` max "
          f"{tcp_rmem_max()}).",
          "- *origin could send* = the origin's median direct full-speed rate × the slow request's duration (capped "
          "at the object size): roughly what a proxy without back-pressure would have pulled in and had to hold.",
          f"- checks: full-speed = HTTP 200, exactly {args.size:,} bytes, sha256 equal (run 1); slow = curl timed "
          f"out (exit 28) part-way, in flight ≤ {args.max_in_flight_mib} MiB, RSS growth ≤ "
          f"{args.max_rss_growth_mib} MiB, the proxy still serves a small object."]
    for res in results:
        if res["log_tail"]:
            L.append(f"- {res['kind']} log errors: " + " / ".join(f"`{x[:160]}`" for x in res["log_tail"]))
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--jvm", default=os.environ.get("JVM_JAR", os.path.join(REPO, "target/quarkus-app/quarkus-run.jar")))
    p.add_argument("--native", default=os.environ.get(
        "NATIVE_BIN", os.path.join(REPO, "target/origin-edge-0.1.0-SNAPSHOT-runner")))
    p.add_argument("--only", choices=["jvm", "native"], help="measure one artifact only")
    p.add_argument("--no-direct", action="store_true", help="skip the direct-to-S3Proxy baseline")
    p.add_argument("--size", type=int, default=1024 * MIB, help="object size in bytes (default 1 GiB)")
    p.add_argument("-n", "--runs", type=int, default=3, help="full-speed downloads per path (first is verified)")
    p.add_argument("--xmx", default="64m")
    p.add_argument("--rate", default="20M", help="curl --limit-rate for the slow client")
    p.add_argument("--slow-seconds", type=int, default=6)
    p.add_argument("--settle", type=float, default=2.0, help="seconds to wait after the slow client aborts")
    p.add_argument("--max-in-flight-mib", type=int, default=48)
    p.add_argument("--max-rss-growth-mib", type=int, default=16)
    p.add_argument("--timeout", type=int, default=600, help="curl --max-time for a full download")
    p.add_argument("--java", default="java")
    p.add_argument("--cp-file", help="S3Proxy classpath (from dependency:build-classpath -Dmdep.includeScope=test)")
    p.add_argument("--no-build", action="store_true", help="never call ./mvnw")
    p.add_argument("--out", default=os.path.join(HERE, "results.md"))
    p.add_argument("--keep", action="store_true", help="keep the scratch directory (logs, the object)")
    args = p.parse_args()

    for tool in ("curl", args.java):
        if not shutil.which(tool):
            sys.exit(f"error: {tool} not found")
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(open("/proc/loadavg").read().split()[:3])

    kinds = [k for k in ("jvm", "native") if args.only in (None, k)]
    if "jvm" in kinds and not os.path.exists(args.jvm) and not args.no_build:
        mvnw(["package", "-DskipTests"], "building the JVM app")
    skipped, todo = [], []
    for kind in kinds:
        path = args.jvm if kind == "jvm" else args.native
        (todo.append((kind, path)) if os.path.exists(path) else skipped.append((kind, f"`{path}` does not exist")))
    if not todo:
        sys.exit("error: no artifact to measure")

    work = tempfile.mkdtemp(prefix="origin-edge-streaming-")
    os.chmod(work, 0o700)
    failed = False
    try:
        cp = test_classpath(args.cp_file, args.no_build, work, "resolving the S3Proxy classpath")
        s3proc, s3port, sha, s3log = start_s3proxy(args, work, cp)
        origin_check = check_origin(s3port)
        log(origin_check[1])
        if not origin_check[0]:
            sys.exit("error: the origin does not check signatures as expected")

        direct = []
        if not args.no_direct:
            direct = full_speed_runs("direct", f"http://{HOST}:{s3port}/{BUCKET}/{BIG_KEY}", sigv4(), args, sha)
        results = [bench_artifact(kind, path, args, work, s3port, s3proc.pid, sha) for kind, path in todo]
        stop(s3proc)

        failed = not all(r["ok"] for r in direct) or any(
            not (res["sanity"][0] and res["alive"] and res["slow"]["ok"] and all(r["ok"] for r in res["runs"]))
            for res in results)
        text = report(args, sha, origin_check, direct, results, skipped, started, load)
        with open(args.out, "w") as f:
            f.write(text)
        print(text)
        log(f"written to {args.out}; {'SOME CHECKS FAILED' if failed else 'all checks passed'}")
    finally:
        clean_up(work, args.keep)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
