"""Helpers shared by bench/startup/bench.py and bench/streaming/run.py.

Standard library only (python3 >= 3.8). Child processes, logging, ports, /proc figures, Maven calls, the
S3 origins' classpath and java command line, private copies of the artifacts.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
HOST = "127.0.0.1"

CHILDREN = []  # every Popen we start; killed on exit whatever happens


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------- processes

def spawn(argv, cwd, logfile, env=None):
    """Starts argv in its own session (process group), stdout and stderr to logfile; tracked in CHILDREN."""
    out = open(logfile, "wb")
    try:
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                env=env, start_new_session=True)
    finally:
        out.close()
    CHILDREN.append(proc)
    return proc


def stop(proc, grace=5.0):
    """SIGTERM the process group we created for this child, then SIGKILL after `grace` seconds."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)
    if proc in CHILDREN:
        CHILDREN.remove(proc)


def stop_all():
    for proc in list(CHILDREN):
        try:
            stop(proc, grace=2.0)
        except Exception as e:  # keep going: kill the others
            log(f"warning: could not stop pid {proc.pid}: {e}")


def on_signal(signum, _frame):
    log(f"\ninterrupted (signal {signum}); stopping child processes")
    stop_all()
    sys.exit(128 + signum)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def vm_status_kib(pid):
    """VmRSS and VmHWM in KiB from /proc/<pid>/status."""
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


class RssSampler(threading.Thread):
    """Samples VmRSS of `pid` (KiB) every `interval` s until finish(), which returns the peak; keeps the samples."""

    def __init__(self, pid, interval=0.05):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples = []
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            try:
                self.samples.append((time.monotonic(), vm_status_kib(self.pid)["VmRSS"]))
            except (OSError, KeyError):
                return
            self._halt.wait(self.interval)

    def finish(self):
        self._halt.set()
        self.join(timeout=2)
        return max((kib for _, kib in self.samples), default=0)


# ---------------------------------------------------------------------------------------------- set-up

def mvnw(args_list, what):
    """Runs ./mvnw -q -B <args_list> in the repository; exits with a message if it fails."""
    cmd = [os.path.join(REPO, "mvnw"), "-q", "-B"] + args_list
    log(f"{what}: {' '.join(cmd)}")
    r = subprocess.run(cmd, cwd=REPO, stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        sys.exit(f"error: {what} failed ({r.returncode})")


def test_classpath(cp_file, no_build, workdir, what):
    """The test classpath (S3Proxy and its dependencies): read from cp_file, else resolved with ./mvnw."""
    if not cp_file:
        if no_build:
            sys.exit("error: --no-build needs --cp-file (the test classpath; see README.md)")
        cp_file = os.path.join(workdir, "test-classpath.txt")
        mvnw(["dependency:build-classpath", f"-Dmdep.outputFile={cp_file}", "-Dmdep.includeScope=test"], what)
    with open(cp_file) as f:
        return f.read().strip()


def origin_java_argv(java, logging_props, classpath, main_args):
    """java command line for an S3Proxy origin (256 MiB heap). S3Proxy logs through slf4j ->
    slf4j-jboss-logmanager -> JBoss LogManager (the project excludes logback): WARN and up only, configured
    in logging_props, which this writes."""
    with open(logging_props, "w") as f:
        f.write("logger.level=WARN\nhandlers=CONSOLE\n"
                "handler.CONSOLE=org.jboss.logmanager.handlers.ConsoleHandler\nhandler.CONSOLE.level=WARN\n")
    return [java, "-Xmx256m", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            f"-Dlogging.configuration=file:{logging_props}", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp", classpath] + main_args


def private_copy(kind, src, workdir):
    """Copies the artifact into workdir (for "jvm" the whole quarkus-app directory of src), so that a rebuild
    of target/ while we measure cannot change it; returns the copy's path."""
    if kind == "jvm":
        app = os.path.join(workdir, "jvm-app")
        shutil.copytree(os.path.dirname(src), app, symlinks=True)
        return os.path.join(app, os.path.basename(src))
    path = os.path.join(workdir, os.path.basename(src))
    shutil.copy2(src, path)
    return path


def clean_up(work, keep):
    """Stops every child, then removes the scratch directory `work` (or says where it was kept)."""
    stop_all()
    if keep:
        log(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
