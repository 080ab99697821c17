#!/usr/bin/env python3
"""Cold-start benchmark for Origin Edge: JVM (quarkus-run.jar) vs native binary.

Starts the two demo S3 origins once (dev.originedge.demo.OriginsMain), then for each artifact, N times:
exec the proxy on a free port, poll every ~1 ms until the first *proxied* GET /hello.txt?pop=AMS returns
200 "hello from eu", record the times, RSS, then 1000 more keep-alive requests and RSS again, then kill it.
Writes results.md, results.json and startup.svg next to this script (or --out-dir).

Standard library only (python3 >= 3.8). Talks only to 127.0.0.1. See README.md.
"""
import argparse
import atexit
import datetime
import http.client
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # bench/, for benchlib
import minimal_app  # noqa: E402  (bench/startup/minimal_app.py: the baseline app)
from benchlib import (HOST, REPO, free_port, log, mvnw, on_signal, origin_java_argv, private_copy,  # noqa: E402
                      spawn, stop, stop_all, test_classpath, vm_status_kib)

STARTED_RE = re.compile(r"started in (\d+(?:\.\d+)?)s")


# ---------------------------------------------------------------------------------------------- processes

def cpu_busy(window=0.3):
    """Share of all CPUs busy (any process) over `window` seconds, from /proc/stat, in percent."""
    def sample():
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return sum(fields), idle
    total0, idle0 = sample()
    time.sleep(window)
    total1, idle1 = sample()
    return 100.0 * (1 - (idle1 - idle0) / max(1, total1 - total0))


def wait_quiet(limit_pct, max_wait):
    """Waits (at most max_wait s) until the machine is below limit_pct busy; returns the last reading."""
    deadline = time.time() + max_wait
    busy = cpu_busy()
    while busy > limit_pct and time.time() < deadline:
        busy = cpu_busy(1.0)
    return busy


def proc_status(pid):
    """VmRSS and VmHWM in MiB from /proc/<pid>/status."""
    return {key: kib / 1024.0 for key, kib in vm_status_kib(pid).items()}


# ---------------------------------------------------------------------------------------------- HTTP

def raw_get(port, path, timeout):
    """One GET over a fresh connection. None if nothing listens yet; else
    (connected_at, status, body, request_seconds), connected_at from time.perf_counter()."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.settimeout(timeout)
    sent = None
    try:
        try:
            s.connect((HOST, port))
        except (ConnectionRefusedError, ConnectionResetError):
            return None
        sent = time.perf_counter()  # == connected
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
        done = time.perf_counter()
    except (ConnectionResetError, BrokenPipeError, socket.timeout) as e:
        if sent is None:  # connect itself timed out: treat as not listening yet
            return None
        return (sent, -1, repr(e).encode(), 0.0)
    finally:
        s.close()
    raw = b"".join(chunks)
    head, _, body = raw.partition(b"\r\n\r\n")
    try:
        status = int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return (sent, -1, raw[:200], done - sent)
    if b"transfer-encoding: chunked" in head.lower():
        body = dechunk(body)
    return (sent, status, body, done - sent)


def dechunk(body):
    out, i = [], 0
    while i < len(body):
        j = body.find(b"\r\n", i)
        if j < 0:
            break
        size = int(body[i:j].split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out.append(body[j + 2:j + 2 + size])
        i = j + 2 + size + 2
    return b"".join(out)


def keepalive_loop(port, path, count, expect):
    """`count` sequential GETs on one keep-alive connection (reconnects if the server closes it)."""
    errors = 0
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    t0 = time.perf_counter()
    for _ in range(count):
        for attempt in (1, 2):
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                if resp.status != 200 or expect not in body:
                    errors += 1
                break
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
                if attempt == 2:
                    errors += 1
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed, errors


# ---------------------------------------------------------------------------------------------- one run

def one_run(kind, make_argv, cwd, args, index, workdir, path, expect):
    port = free_port()
    logfile = os.path.join(workdir, f"{kind}-{index:02d}.log" if index > 0 else f"{kind}-warmup{-index}.log")
    argv = make_argv([f"-Dquarkus.http.port={port}", f"-Dquarkus.http.host={HOST}"])
    busy = wait_quiet(args.quiet_cpu, args.quiet_wait) if args.quiet_cpu < 100 else None
    if busy is not None and busy > args.quiet_cpu:
        log(f"  {kind} run {index}: machine still {busy:.0f}% busy after {args.quiet_wait:g} s; measuring anyway")
    load1 = os.getloadavg()[0]
    deadline_s = args.start_timeout
    expect = expect.encode()

    t_exec = time.perf_counter()
    proc = spawn(argv, cwd, logfile)
    t_listen = None
    not_ok = 0
    first = None
    try:
        while True:
            now = time.perf_counter()
            if now - t_exec > deadline_s:
                raise RuntimeError(f"no 200 within {deadline_s}s (see {logfile})")
            if proc.poll() is not None:
                raise RuntimeError(f"exited with {proc.returncode} before the first 200 (see {logfile})")
            result = raw_get(port, path, timeout=max(0.5, deadline_s - (now - t_exec)))
            if result is not None:
                connected, status, body, req_s = result
                if t_listen is None:
                    t_listen = connected
                if status == 200 and expect in body:
                    first = (time.perf_counter(), req_s)
                    break
                not_ok += 1
                if not_ok <= 3:
                    log(f"  {kind} run {index}: got {status} {body[:120]!r}; retrying")
            time.sleep(args.poll_interval)
        t_first = first[0]
        rss_first = proc_status(proc.pid)

        # The "started in" line can be written a moment after the port opens: wait for it, bounded.
        started = None
        log_deadline = time.perf_counter() + 5.0
        while started is None and time.perf_counter() < log_deadline:
            with open(logfile, "r", errors="replace") as f:
                m = STARTED_RE.search(f.read())
            if m:
                started = float(m.group(1)) * 1000.0
            else:
                time.sleep(0.005)

        loop_s, loop_errors = keepalive_loop(port, path, args.requests, expect)
        rss_after = proc_status(proc.pid)
    finally:
        stop(proc)

    return {
        "run": index,
        "port": port,
        "loadavg_1m_before": load1,
        "cpu_busy_before_pct": busy,
        "exec_to_listen_ms": (t_listen - t_exec) * 1000.0,
        "exec_to_first_200_ms": (t_first - t_exec) * 1000.0,
        "first_request_ms": first[1] * 1000.0,
        "non_200_before_first_200": not_ok,
        "started_in_ms": started,
        "rss_first_mib": rss_first.get("VmRSS"),
        "rss_after_mib": rss_after.get("VmRSS"),
        "hwm_after_mib": rss_after.get("VmHWM"),
        "loop_ms": loop_s * 1000.0,
        "loop_req_per_s": args.requests / loop_s if loop_s > 0 else None,
        "loop_errors": loop_errors,
    }


# ---------------------------------------------------------------------------------------------- setup

def prepare_origins(args, workdir):
    """A private copy of the demo classes + the test classpath, so that a concurrent rebuild of target/
    cannot pull them from under the benchmark."""
    demo = os.path.join(REPO, "target", "test-classes", "dev", "originedge", "demo")
    if not os.path.exists(os.path.join(demo, "OriginsMain.class")):
        if args.no_build:
            sys.exit(f"error: {demo}/OriginsMain.class is missing; run ./mvnw -q test-compile (or drop --no-build)")
        mvnw(["test-compile"], "compiling the demo origins")
    classes = os.path.join(workdir, "origins-classes")
    shutil.copytree(demo, os.path.join(classes, "dev", "originedge", "demo"))
    return classes + os.pathsep + test_classpath(args.cp_file, args.no_build, workdir,
                                                 "resolving the origins' classpath")


def start_origins(args, workdir, classpath):
    config = os.path.join(workdir, "origins.properties")
    logfile = os.path.join(workdir, "origins.log")
    argv = origin_java_argv(args.java, os.path.join(workdir, "origins-logging.properties"), classpath,
                            ["dev.originedge.demo.OriginsMain", "0", "0", config])
    log("starting the demo origins (S3Proxy x2, ports chosen by the OS)")
    proc = spawn(argv, workdir, logfile)
    deadline = time.time() + 120
    while True:
        with open(logfile, "r", errors="replace") as f:
            if "READY" in f.read():
                break
        if proc.poll() is not None:
            with open(logfile, errors="replace") as f:
                sys.exit(f"error: the origins exited with {proc.returncode}:\n{f.read()[-3000:]}")
        if time.time() > deadline:
            sys.exit(f"error: the origins did not print READY within 120 s (see {logfile})")
        time.sleep(0.05)
    with open(config) as f:
        text = f.read()
    for line in text.splitlines():
        if line.endswith("endpoint=") or (".endpoint=" in line and "127.0.0.1" not in line):
            sys.exit(f"error: unexpected origin endpoint: {line}")
    return proc, text


def proxy_dir(workdir, kind, origin_config):
    """Working directory whose config/application.properties holds the origins' configuration."""
    cwd = os.path.join(workdir, f"{kind}-cwd")
    os.makedirs(os.path.join(cwd, "config"), exist_ok=True)
    with open(os.path.join(cwd, "config", "application.properties"), "w") as f:
        f.write(origin_config)
    return cwd


def dir_size(path):
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            p = os.path.join(root, name)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


# ---------------------------------------------------------------------------------------------- reporting

METRICS = [
    ("exec_to_first_200_ms", "exec → first proxied 200 (ms)", "{:.1f}"),
    ("exec_to_listen_ms", "exec → port accepts (ms)", "{:.1f}"),
    ("first_request_ms", "first proxied request, send → response (ms)", "{:.1f}"),
    ("started_in_ms", "\"started in\" from the log (ms)", "{:.0f}"),
    ("rss_first_mib", "RSS after first 200 (MiB)", "{:.1f}"),
    ("rss_after_mib", "RSS after +N requests (MiB)", "{:.1f}"),
    ("hwm_after_mib", "peak RSS, VmHWM (MiB)", "{:.1f}"),
    ("loop_req_per_s", "keep-alive loop, 1 connection (req/s)", "{:.0f}"),
    ("loop_errors", "errors in the loop", "{:.0f}"),
]


KINDS = ("jvm", "native", "baseline")
LABEL = {"jvm": "JVM", "native": "native", "baseline": "baseline"}
LONG_LABEL = {"jvm": "JVM", "native": "native", "baseline": f"baseline: {minimal_app.LABEL}"}


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return min(values), statistics.median(values), max(values)


def comparison(results):
    """native vs baseline, both measured in this run: ratio of the medians, differences of RSS medians."""
    if "native" not in results or "baseline" not in results:
        return None

    def med(kind, key):
        s = stats([r[key] for r in results[kind]["runs"]])
        return s[1] if s else None
    c = {}
    for key in ("exec_to_first_200_ms", "exec_to_listen_ms"):
        n, b = med("native", key), med("baseline", key)
        c[key] = {"native_median": n, "baseline_median": b, "ratio": n / b if b else None, "difference": n - b}
    for key in ("rss_first_mib", "rss_after_mib", "hwm_after_mib"):
        n, b = med("native", key), med("baseline", key)
        c[key] = {"native_median": n, "baseline_median": b, "difference": n - b}
    c["size_mib"] = {"native": results["native"]["size_mib"], "baseline": results["baseline"]["size_mib"],
                     "difference": results["native"]["size_mib"] - results["baseline"]["size_mib"]}
    return c


def comparison_text(c, requests):
    t, p = c["exec_to_first_200_ms"], c["exec_to_listen_ms"]
    r1, r2 = c["rss_first_mib"], c["rss_after_mib"]
    return (f"exec → first 200: native median {t['native_median']:.1f} ms / baseline median "
            f"{t['baseline_median']:.1f} ms = **{t['ratio']:.2f}×** ({t['difference']:+.1f} ms); exec → port accepts: "
            f"{p['native_median']:.1f} / {p['baseline_median']:.1f} ms = {p['ratio']:.2f}×. RSS after the first 200: "
            f"native − baseline = **{r1['difference']:+.1f} MiB** ({r1['native_median']:.1f} − "
            f"{r1['baseline_median']:.1f}); after +{requests} requests: {r2['difference']:+.1f} MiB "
            f"({r2['native_median']:.1f} − {r2['baseline_median']:.1f}). Binary size: "
            f"{c['size_mib']['difference']:+.1f} MiB.")


def markdown(results, meta):
    kinds = [k for k in KINDS if k in results]
    label = LABEL
    title = "Origin Edge cold start: " + " vs ".join(
        {"jvm": "JVM", "native": "native", "baseline": "minimal-Quarkus baseline"}[k] for k in kinds)
    lines = [f"# {title}", "",
             f"Measured {meta['date']} on {meta['host']} ({meta['cpus']} CPUs, {meta['mem_gib']:.0f} GiB RAM, "
             f"kernel {meta['kernel']}); repository at `{meta['commit']}`.", ""]
    if meta.get("note"):
        lines += [meta["note"], ""]
    lines += [f"Command: `{meta['command']}`", ""]
    for k in kinds:
        r = results[k]
        what = ""
        if k == "baseline":
            b = r.get("build") or {}
            what = (f"Quarkus {minimal_app.QUARKUS_VERSION} with only `io.quarkus:quarkus-vertx-http` and one Vert.x "
                    f"route (`GET {minimal_app.PATH}` → 200 `{minimal_app.BODY}`), generated and built native by "
                    "`bench/startup/minimal_app.py`"
                    + (f" with the toolchain `{b['graalvm_home']}`" if b.get("graalvm_home") else "") + "; ")
        lines.append(f"- **{LONG_LABEL[k]}**: `{r['artifact']}` ({r['size_mib']:.1f} MiB{', du of quarkus-app' if k == 'jvm' else ''}), "
                     f"{what}run as `{' '.join(r['argv_shown'])}`; {len(r['runs'])} runs after {len(r['warmup'])} uncounted warm-up run(s)"
                     + (f", {r['failures']} failed" if r.get("failures") else "") + ".")
    for k, why in meta["skipped"].items():
        lines.append(f"- **{LONG_LABEL[k]}**: skipped ({why}).")
    proxies = [k for k in kinds if k != "baseline"]
    each = f"Each run: exec on a free port, poll every {meta['poll_ms']:g} ms (new connection each time) until "
    if proxies:
        each += (f"`GET {meta['path']}` returns 200 with `{meta['expect']}` (proxied, SigV4-signed, to the local "
                 "S3Proxy \"eu\" origin" + ("; the baseline: " if "baseline" in kinds else ")"))
    if "baseline" in kinds:
        each += (f"`GET {minimal_app.PATH}` returns 200 with `{minimal_app.BODY}`"
                 + (", its own fixed body, no origin)" if proxies else " (its own fixed body, no origin)"))
    each += (f", then {meta['requests']} more requests on one keep-alive connection, then SIGTERM. RSS is VmRSS "
             "of the process from /proc. Values: min / median / max.")
    if meta.get("order"):
        each += " " + meta["order"]
    lines += ["", each, ""]
    header = "| metric |" + "".join(f" {label[k]} min | {label[k]} median | {label[k]} max |" for k in kinds)
    lines += [header, "|---|" + "---:|---:|---:|" * len(kinds)]
    for key, name, fmt in METRICS:
        name = name.replace("+N", f"+{meta['requests']}")
        if "baseline" in kinds:
            name = name.replace("proxied ", "")
        row = f"| {name} |"
        for k in kinds:
            s = stats([run[key] for run in results[k]["runs"]])
            row += "".join(f" {fmt.format(v)} |" for v in s) if s else " – | – | – |"
        lines.append(row)
    row = "| artifact size (MiB) |"
    for k in kinds:
        row += f" | {results[k]['size_mib']:.1f} | |"
    lines.append(row)
    loads = [run["loadavg_1m_before"] for k in kinds for run in results[k]["runs"]]
    busy = [run["cpu_busy_before_pct"] for k in kinds for run in results[k]["runs"]
            if run.get("cpu_busy_before_pct") is not None]
    if busy:
        lines += ["", f"CPU busy just before each run (all processes, all {meta['cpus']} CPUs): "
                      f"{min(busy):.0f}–{max(busy):.0f}% (the script waits for < {meta['quiet_cpu']:g}%, "
                      f"at most {meta['quiet_wait']:g} s). 1-minute load average: {min(loads):.2f}–{max(loads):.2f}, "
                      "which includes the benchmark itself."]
    elif loads:
        lines += ["", f"1-minute load average before the runs: {min(loads):.2f} – {max(loads):.2f} "
                      f"(on {meta['cpus']} CPUs; anything near or above that count means the figures are inflated)."]
    if meta.get("comparison"):
        lines += ["", "**native vs baseline**, measured in the same run"
                  + (" (interleaved)" if "interleaved" in (meta.get("order") or "") else "") + ": "
                  + comparison_text(meta["comparison"], meta["requests"])]
    lines.append("")
    return "\n".join(lines)


def nice_step(raw):
    exp = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * exp:
            return m * exp
    return 10 * exp


def svg_chart(results, meta, path):
    kinds = [k for k in KINDS if k in results]
    colors = {"jvm": "#d9822b", "native": "#2b6cb0", "baseline": "#718096"}
    label = LONG_LABEL
    W, H = 860, 400
    top, bottom = 84, 320
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">'
           'Origin Edge cold start: ' + " vs ".join(
               {"jvm": "JVM", "native": "native", "baseline": "minimal Quarkus"}[k] for k in kinds) + '</text>',
           f'<text x="{W / 2}" y="44" text-anchor="middle" fill="#555">median of {meta["runs_text"]}; '
           f'whiskers: min–max; {meta["xmx_text"]}</text>']

    def panel(x0, width, title, groups, unit, target, log_scale):
        """groups: list of (group label, {kind: (min, median, max)}). Log scale: JVM and native differ ~100x."""
        vmax = max([s[2] for _, per in groups for s in per.values()] + ([target] if target else []) + [1])
        if log_scale:
            lo_exp, hi_exp = 0, math.ceil(math.log10(vmax * 1.5))
            ticks = [10 ** e for e in range(lo_exp, hi_exp + 1)]

            def ypos(v):
                v = max(v, 10 ** lo_exp)
                return bottom - (math.log10(v) - lo_exp) / (hi_exp - lo_exp) * (bottom - top)
        else:
            step = nice_step(vmax * 1.15 / 4)
            ticks = [step * i for i in range(int(vmax * 1.15 / step) + 2)]

            def ypos(v):
                return bottom - v / ticks[-1] * (bottom - top)
        out.append(f'<text x="{x0 + width / 2}" y="{top - 14}" text-anchor="middle" font-weight="bold">'
                   f'{title}{" (log scale)" if log_scale else ""}</text>')
        out.append(f'<line x1="{x0}" y1="{bottom}" x2="{x0 + width}" y2="{bottom}" stroke="#333"/>')
        out.append(f'<line x1="{x0}" y1="{top}" x2="{x0}" y2="{bottom}" stroke="#333"/>')
        for v in ticks:
            y = ypos(v)
            out.append(f'<line x1="{x0 - 4}" y1="{y:.1f}" x2="{x0 + width}" y2="{y:.1f}" stroke="#ddd"/>')
            out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{v:g}</text>')
        out.append(f'<text x="{x0 - 46}" y="{(top + bottom) / 2}" text-anchor="middle" fill="#555" '
                   f'transform="rotate(-90 {x0 - 46} {(top + bottom) / 2})">{unit}</text>')
        gw = width / len(groups)
        bw = min(60, gw / (len(kinds) + 1))
        for gi, (glabel, per) in enumerate(groups):
            gx = x0 + gi * gw + (gw - bw * len(kinds)) / 2
            for ki, k in enumerate(kinds):
                if k not in per:
                    continue
                lo, med, hi = per[k]
                x = gx + ki * bw
                y = ypos(med)
                out.append(f'<rect x="{x + 3:.1f}" y="{y:.1f}" width="{bw - 6:.1f}" height="{bottom - y:.1f}" '
                           f'fill="{colors[k]}"/>')
                cx = x + bw / 2
                out.append(f'<line x1="{cx:.1f}" y1="{ypos(hi):.1f}" x2="{cx:.1f}" y2="{ypos(lo):.1f}" '
                           'stroke="#222"/>')
                for v in (lo, hi):
                    out.append(f'<line x1="{cx - 6:.1f}" y1="{ypos(v):.1f}" x2="{cx + 6:.1f}" y2="{ypos(v):.1f}" '
                               'stroke="#222"/>')
                out.append(f'<text x="{cx:.1f}" y="{ypos(hi) - 6:.1f}" text-anchor="middle">'
                           f'{med:.1f}</text>')
            out.append(f'<text x="{x0 + gi * gw + gw / 2:.1f}" y="{bottom + 18}" text-anchor="middle">'
                       f'{glabel}</text>')
        if target:
            y = ypos(target)
            out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + width}" y2="{y:.1f}" stroke="#c53030" '
                       'stroke-dasharray="6 4"/>')

    def per(key):
        return {k: stats([r[key] for r in results[k]["runs"]]) for k in kinds
                if stats([r[key] for r in results[k]["runs"]])}

    panel(90, 320, "time to serve", [("exec → port open", per("exec_to_listen_ms")),
                                     ("exec → first 200" if "baseline" in kinds else "exec → first proxied 200",
                                      per("exec_to_first_200_ms"))],
          "ms", 15, True)
    panel(520, 300, "resident memory (VmRSS)", [("after first 200", per("rss_first_mib")),
                                                (f"after +{meta['requests']} req", per("rss_after_mib"))],
          "MiB", 35e6 / 1048576, False)
    lx, ly = 90, H - 36
    for k in kinds:  # legend, wrapped onto a second line when it does not fit
        text = f'{label[k]} ({results[k]["size_mib"]:.0f} MiB)'
        width = max(160, 20 + len(text) * 6.6 + 20)
        if lx + width > W - 10:
            lx, ly = 90, ly + 20
        out.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{colors[k]}"/>')
        out.append(f'<text x="{lx + 20}" y="{ly + 12}">{text}</text>')
        lx += width
    if lx + 300 > W - 10:
        lx, ly = 90, ly + 20
    out.append(f'<line x1="{lx}" y1="{ly + 7}" x2="{lx + 24}" y2="{ly + 7}" stroke="#c53030" '
               'stroke-dasharray="6 4"/>')
    out.append(f'<text x="{lx + 30}" y="{ly + 12}">native targets: 15 ms, 35 MB (33.4 MiB)</text>')
    if ly + 20 > H:  # a second legend line: make room for it
        out[0] = out[0].replace(f'height="{H}" viewBox="0 0 {W} {H}"', f'height="{ly + 24}" viewBox="0 0 {W} {ly + 24}"')
        out[1] = out[1].replace(f'height="{H}"', f'height="{ly + 24}"')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


# ---------------------------------------------------------------------------------------------- main

def env_int(name, default):
    return int(os.environ.get(name, default))


def only_list(text):
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    bad = [k for k in kinds if k not in KINDS]
    if bad or not kinds:
        raise argparse.ArgumentTypeError(f"expected a comma list of {', '.join(KINDS)}, got {text!r}")
    return kinds


def schedule(setups, warmup, sequential):
    """(setup, run index) pairs in the order they run; index <= 0: uncounted warm-up."""
    if sequential:
        return [(s, i) for s in setups for i in range(1 - warmup, s["runs"] + 1)]
    order = [(s, i) for i in range(1 - warmup, 1) for s in setups]
    for i in range(1, max(s["runs"] for s in setups) + 1):
        this_round = [s for s in setups if i <= s["runs"]]
        order += [(s, i) for s in (this_round if i % 2 else this_round[::-1])]
    return order


def resolve_baseline(args):
    """(path of the baseline binary, None), or (None, why it is skipped). Builds it if needed and allowed."""
    cache = args.baseline_cache
    if args.graalvm_home:
        key_dir = os.path.join(cache, f"baseline-{minimal_app.cache_key(args.graalvm_home)}")
        cached = os.path.join(key_dir, minimal_app.RUNNER)
        if args.no_build and not os.path.isfile(cached):
            return None, f"not built yet for {args.graalvm_home} ({cached} missing) and --no-build given"
        if args.no_build:
            return cached, None
        try:
            return minimal_app.ensure_binary(args.graalvm_home, cache, rebuild=args.rebuild_baseline,
                                             keep_project=args.keep), None
        except RuntimeError as e:
            return None, f"build failed: {e}"
    cached = minimal_app.find_cached(cache)
    if cached:
        log(f"baseline: no GRAALVM_HOME/--graalvm-home; using the most recently built {cached}")
        return cached, None
    return None, (f"no --baseline-bin, nothing built in {cache}, and no GRAALVM_HOME/--graalvm-home to build "
                  "the minimal app with")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jvm", default=os.environ.get("JVM_JAR", os.path.join(REPO, "target/quarkus-app/quarkus-run.jar")),
                   help="quarkus-run.jar (env JVM_JAR; default target/quarkus-app/quarkus-run.jar)")
    p.add_argument("--native", default=os.environ.get("NATIVE_BIN",
                                                      os.path.join(REPO, "target/origin-edge-0.1.0-SNAPSHOT-runner")),
                   help="native runner (env NATIVE_BIN; default target/origin-edge-0.1.0-SNAPSHOT-runner)")
    p.add_argument("-n", "--runs", type=int, default=env_int("RUNS", 20), help="runs per artifact (env RUNS; 20)")
    p.add_argument("--jvm-runs", type=int, help="runs for the JVM only (default --runs)")
    p.add_argument("--native-runs", type=int, help="runs for the native binary only (default --runs)")
    p.add_argument("--baseline-runs", type=int, help="runs for the minimal-Quarkus baseline only (default --runs)")
    p.add_argument("--only", type=only_list, metavar="KINDS",
                   help="measure only these, a comma list of jvm, native, baseline (e.g. baseline,native)")
    p.add_argument("--baseline-bin", default=os.environ.get("BASELINE_BIN"),
                   help="a previously built minimal-app binary to use as the baseline (env BASELINE_BIN; default: "
                        "the cached one for --graalvm-home, built first if missing)")
    p.add_argument("--graalvm-home", default=os.environ.get("GRAALVM_HOME"),
                   help="toolchain for building the baseline (env GRAALVM_HOME), as -Dquarkus.native.graalvm-home")
    p.add_argument("--baseline-cache", default=os.environ.get("BASELINE_CACHE", minimal_app.default_cache_dir()),
                   help="where built baseline binaries are kept (env BASELINE_CACHE; ~/.cache/origin-edge-bench)")
    p.add_argument("--rebuild-baseline", action="store_true", help="build the baseline again even if cached")
    p.add_argument("--sequential", action="store_true",
                   help="all runs of one artifact, then the next (default: interleaved, one run of each per round)")
    p.add_argument("--warmup", type=int, default=env_int("WARMUP", 1),
                   help="uncounted runs per artifact first: warms the origins (a JVM) and the page cache (env WARMUP; 1)")
    p.add_argument("--requests", type=int, default=env_int("REQUESTS", 1000),
                   help="keep-alive requests after the first 200 (env REQUESTS; 1000)")
    p.add_argument("--xmx", default=os.environ.get("XMX", "64m"), help="-Xmx for every artifact (env XMX; 64m)")
    p.add_argument("--jvm-opts", default=os.environ.get("JVM_OPTS", ""), help="extra JVM options (env JVM_OPTS)")
    p.add_argument("--native-opts", default=os.environ.get("NATIVE_OPTS", ""),
                   help="extra options for the native binary and the baseline (env NATIVE_OPTS)")
    p.add_argument("--java", default=os.environ.get("JAVA", shutil.which("java") or "java"),
                   help="java for the JVM run and the origins (env JAVA)")
    p.add_argument("--path", default="/hello.txt?pop=AMS",
                   help="the proxied request, JVM and native (default /hello.txt?pop=AMS; the baseline: /hello.txt)")
    p.add_argument("--expect", default="hello from eu",
                   help="their body must contain this (default 'hello from eu'; the baseline's is the same)")
    p.add_argument("--poll-interval", type=float, default=0.001, help="seconds between polls (0.001)")
    p.add_argument("--start-timeout", type=float, default=60.0, help="per-run limit for the first 200, s (60)")
    p.add_argument("--quiet-cpu", type=float, default=float(os.environ.get("QUIET_CPU", 25)),
                   help="before each run, wait until all CPUs together are below this %% busy (env QUIET_CPU; 25; "
                        "100 = never wait)")
    p.add_argument("--quiet-wait", type=float, default=60.0, help="but wait at most this long, s (60)")
    p.add_argument("--cp-file", default=os.environ.get("ORIGINS_CP_FILE"),
                   help="test classpath file for the origins (env ORIGINS_CP_FILE; default: resolved with ./mvnw)")
    p.add_argument("--no-build", action="store_true",
                   help="never call ./mvnw (needs --cp-file and test-classes; the baseline only if already built)")
    p.add_argument("--out-dir", default=HERE, help="where results.md, results.json, startup.svg go")
    p.add_argument("--note", help="a line for results.md, e.g. which commit the artifacts were built from")
    p.add_argument("--keep", action="store_true", help="keep the scratch directory (logs of every run)")
    args = p.parse_args()

    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, on_signal)
    atexit.register(stop_all)

    plan = {}
    skipped = {}
    failed = False
    for kind, path in (("jvm", args.jvm), ("native", args.native), ("baseline", args.baseline_bin)):
        if args.only and kind not in args.only:
            continue
        runs = {"jvm": args.jvm_runs, "native": args.native_runs, "baseline": args.baseline_runs}[kind] or args.runs
        if runs <= 0:
            continue
        if kind == "baseline" and not path:
            path, why = resolve_baseline(args)
            if why:
                failed = failed or why.startswith("build failed")
                log(f"SKIPPING baseline: {why}")
                skipped[kind] = why.splitlines()[0]
                continue
        if not os.path.isfile(path):
            msg = f"{path} does not exist"
            log(f"SKIPPING {kind}: {msg} (build it: see README.md)")
            skipped[kind] = msg
            continue
        plan[kind] = (os.path.abspath(path), runs)
    if not plan:
        sys.exit("error: nothing to measure")

    workdir = tempfile.mkdtemp(prefix="origin-edge-startup-")
    log(f"scratch directory: {workdir}")
    results = {}
    try:
        if any(k != "baseline" for k in plan):  # the baseline needs no origins
            classpath = prepare_origins(args, workdir)
            _origins, origin_config = start_origins(args, workdir, classpath)

        setups = []
        for kind, (path, runs) in plan.items():
            # Private copies: target/ may be rebuilt by someone else while we measure.
            artifact = private_copy(kind, path, workdir)
            if kind == "jvm":
                size = dir_size(os.path.dirname(path))
                # System properties must come before -jar on the JVM.
                def make_argv(props, artifact=artifact):
                    return [args.java, f"-Xmx{args.xmx}"] + args.jvm_opts.split() + props + ["-jar", artifact]
                shown = make_argv(["-Dquarkus.http.port=<free>", f"-Dquarkus.http.host={HOST}"],
                                  os.path.relpath(path, REPO) if path.startswith(REPO) else path)
                shown[0] = "java"
            else:  # native and baseline: the same command line
                size = os.path.getsize(path)
                def make_argv(props, artifact=artifact):
                    return [artifact, f"-Xmx{args.xmx}"] + args.native_opts.split() + props
                shown = make_argv(["-Dquarkus.http.port=<free>", f"-Dquarkus.http.host={HOST}"],
                                  os.path.relpath(path, REPO) if path.startswith(REPO) else path)
            if kind == "baseline":  # its own (empty) working directory: no origins' configuration to warn about
                cwd = os.path.join(workdir, "baseline-cwd")
                os.makedirs(cwd, exist_ok=True)
                req_path, expect = minimal_app.PATH, minimal_app.BODY
            else:
                cwd = proxy_dir(workdir, kind, origin_config)
                req_path, expect = args.path, args.expect
            entry = {"artifact": path, "size_mib": size / 1048576.0, "argv_shown": shown, "runs": [], "warmup": [],
                     "failures": 0, "label": LONG_LABEL[kind], "path": req_path, "expect": expect}
            if kind == "baseline":
                entry["build"] = minimal_app.build_info(path)
            results[kind] = entry
            setups.append({"kind": kind, "runs": runs, "make_argv": make_argv, "cwd": cwd, "path": req_path,
                           "expect": expect, "entry": entry})
            log(f"== {kind}: {runs} runs of {' '.join(shown)}" + (f" (GET {req_path})" if kind == "baseline" else ""))

        for setup, i in schedule(setups, args.warmup, args.sequential):
            kind, entry = setup["kind"], setup["entry"]
            name = f"run {i:2d}" if i > 0 else "warm-up"
            try:
                r = one_run(kind, setup["make_argv"], setup["cwd"], args, i, workdir, setup["path"], setup["expect"])
            except RuntimeError as e:
                entry["failures"] += 1
                failed = True
                log(f"  {kind} {name}: FAILED: {e}")
                continue
            (entry["runs"] if i > 0 else entry["warmup"]).append(r)
            log(f"  {kind:8s} {name}: exec->200 {r['exec_to_first_200_ms']:7.1f} ms "
                f"(port {r['exec_to_listen_ms']:7.1f}, 1st req {r['first_request_ms']:6.1f}, "
                f"log {r['started_in_ms'] if r['started_in_ms'] is not None else float('nan'):5.0f}) "
                f"RSS {r['rss_first_mib']:5.1f} -> {r['rss_after_mib']:5.1f} MiB, "
                f"{r['loop_req_per_s']:5.0f} req/s, {r['loop_errors']} errors, "
                + (f"CPU busy before {r['cpu_busy_before_pct']:.0f}%" if r["cpu_busy_before_pct"] is not None
                   else f"load {r['loadavg_1m_before']:.2f}"))
        for kind in list(results):
            if not results[kind]["runs"]:
                del results[kind]
                skipped[kind] = "every run failed"
    finally:
        stop_all()

    if not results:
        log(f"no successful run; logs kept in {workdir}")
        sys.exit(1)

    commit = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    cmd = " ".join(["bench/startup/bench.py"] + [a if " " not in a else repr(a) for a in sys.argv[1:]])
    meta = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "host": platform.machine(), "kernel": platform.release(), "cpus": os.cpu_count(),
        "mem_gib": mem_kib / 1048576.0, "commit": commit, "command": cmd,
        "poll_ms": args.poll_interval * 1000, "path": args.path, "expect": args.expect,
        "requests": args.requests, "skipped": skipped, "note": args.note,
        "quiet_cpu": args.quiet_cpu, "quiet_wait": args.quiet_wait,
        "runs_text": ", ".join(f"{len(results[k]['runs'])} {k} runs" for k in results),
        "xmx_text": f"-Xmx{args.xmx} for {'both' if len(results) == 2 else 'all' if len(results) > 2 else 'it'}",
        "order": (None if len(results) < 2 else
                  "Runs in sequence: all runs of one artifact, then the next." if args.sequential else
                  "Runs interleaved: after the warm-ups, each round runs every artifact once, the order reversed "
                  "every other round (A B, B A, ...), so that machine noise hits them alike."),
        "comparison": comparison(results),
        "java": subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[:1],
    }
    md = markdown(results, meta)
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "results.md"), "w") as f:
        f.write(md)
    with open(os.path.join(args.out_dir, "results.json"), "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)
    svg_chart(results, meta, os.path.join(args.out_dir, "startup.svg"))
    print(md)
    if meta["comparison"]:
        log("native vs baseline (same run): " + comparison_text(meta["comparison"], args.requests).replace("**", ""))
    log(f"wrote {os.path.join(args.out_dir, 'results.md')}, results.json, startup.svg")
    if args.keep or failed:
        log(f"logs kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
