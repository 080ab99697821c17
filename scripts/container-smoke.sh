#!/usr/bin/env bash
# Container smoke test for the FROM-scratch native image (src/main/docker/Dockerfile.native-scratch), without a
# container runtime or registry: builds the image with buildah, mounts its root filesystem and runs its own
# ENTRYPOINT and USER in fresh PID, mount and network namespaces (chroot into the image). Checks, from inside that
# network namespace, that /q/health/live and /q/health/ready answer 200 with the env-var configuration a
# deployment uses, that a proxied request fails cleanly (no origin listens), that the process runs as the
# image's non-root user and stops on SIGTERM. Prints the image size, the rootfs size and the idle RSS.
#
# Usage (as root): scripts/container-smoke.sh [native-binary]   (default target/origin-edge-0.1.0-SNAPSHOT-runner)
# Env: IMAGE (default localhost/origin-edge:smoke), START_TIMEOUT seconds (default 30), KEEP_IMAGE=1 keeps the image,
#      VERBOSE=1 prints the application's log.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${1:-target/origin-edge-0.1.0-SNAPSHOT-runner}
IMAGE=${IMAGE:-localhost/origin-edge:smoke}
START_TIMEOUT=${START_TIMEOUT:-30}
DOCKERFILE=src/main/docker/Dockerfile.native-scratch

log() { echo "smoke: $*"; }
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "run as root (buildah storage, unshare, chroot)"
[[ -f $BIN && -x $BIN ]] || fail "no native binary at $BIN (build one with ./mvnw package -Dnative)"
if ! command -v buildah >/dev/null; then
    log "installing buildah"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah; } >/dev/null \
        || fail "could not install buildah"
fi
for tool in unshare chroot curl ip mount timeout; do
    command -v "$tool" >/dev/null || fail "missing tool: $tool"
done

work=$(mktemp -d /tmp/origin-edge-smoke.XXXXXX)
ctr=""
cleanup() {
    local rc=$?
    if [[ -n $ctr ]]; then buildah umount "$ctr" >/dev/null 2>&1 || true; buildah rm "$ctr" >/dev/null 2>&1 || true; fi
    if [[ ${KEEP_IMAGE:-0} != 1 ]]; then buildah rmi "$IMAGE" >/dev/null 2>&1 || true; fi
    rm -rf "$work"
    if [[ $rc -eq 0 ]]; then log "PASS"; else echo "smoke: FAILED (exit $rc)" >&2; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build ---------------------------------------------------------------------------------------------------
src/main/docker/stage-scratch.sh "$BIN" "$work/ctx"
log "building $IMAGE from $DOCKERFILE"
timeout 300 buildah bud --quiet --layers=false -f "$DOCKERFILE" -t "$IMAGE" "$work/ctx" >/dev/null \
    || fail "buildah bud failed"

user=$(buildah inspect --type image --format '{{.OCIv1.Config.User}}' "$IMAGE")
mapfile -t entrypoint < <(buildah inspect --type image --format '{{range .OCIv1.Config.Entrypoint}}{{println .}}{{end}}' "$IMAGE")
mapfile -t image_env < <(buildah inspect --type image --format '{{range .OCIv1.Config.Env}}{{println .}}{{end}}' "$IMAGE")
[[ -n $user && ${user%%:*} != 0 && ${user%%:*} != root ]] || fail "image USER must be a non-root user, got '$user'"
[[ ${user%%:*} =~ ^[0-9]+$ ]] || fail "image USER should be numeric (runAsNonRoot), got '$user'"
((${#entrypoint[@]} > 0)) || fail "image has no ENTRYPOINT"
printf '%s\n' "${entrypoint[@]}" | grep -q -- '^-Xmx' || fail "ENTRYPOINT sets no -Xmx: ${entrypoint[*]}"
log "image user=$user entrypoint=${entrypoint[*]}"

# Image size: uncompressed as stored, and compressed as a registry would receive it (gzip layers).
log "image size (uncompressed): $(buildah images --format '{{.Size}}' "$IMAGE" | head -1)"
timeout 120 buildah push --quiet --compression-format gzip "$IMAGE" "oci-archive:$work/image.tar" >/dev/null \
    || fail "buildah push to oci-archive failed"
log "image size (gzip oci-archive): $(du -h "$work/image.tar" | cut -f1) ($(stat -c %s "$work/image.tar") bytes)"

# --- unpack ----------------------------------------------------------------------------------------------------
ctr=$(buildah from --pull=never "$IMAGE")
root=$(buildah mount "$ctr")
log "rootfs size: $(du -sh "$root" | cut -f1) ($(du -sb "$root" | cut -f1) bytes), $(find "$root" -type f | wc -l) files"
[[ -x $root/${entrypoint[0]#/} ]] || fail "ENTRYPOINT ${entrypoint[0]} is not an executable in the image"
mkdir -p "$root/proc" "$root/dev"   # mount points a container runtime would provide

# --- run in fresh namespaces -----------------------------------------------------------------------------------
# The inner script runs as PID 1 of a new PID namespace (so everything it started dies with it), in a private
# mount namespace and an empty network namespace with only lo. curl runs from the host's filesystem but inside
# that network namespace, like a kubelet probe; the app runs chrooted into the image as the image's user.
cat >"$work/inner.sh" <<'INNER'
set -euo pipefail
fail() { echo "smoke: FAIL: $*" >&2; [[ -f $APP_LOG ]] && { echo "--- application log (tail) ---" >&2; tail -40 "$APP_LOG" >&2; }; exit 1; }
ip link set lo up
mount -t proc proc "$ROOT/proc"
mount -t tmpfs -o mode=0755,size=64k tmpfs "$ROOT/dev"
for d in null zero full random urandom; do touch "$ROOT/dev/$d"; mount --bind "/dev/$d" "$ROOT/dev/$d"; done

mapfile -t entrypoint <"$ENTRYPOINT_FILE"
mapfile -t image_env <"$IMAGE_ENV_FILE"
# Only the image's env and what a Knative Service would set (cf. deploy/knative/service.yaml), nothing of the host.
env -i "${image_env[@]}" \
    EDGE_POP=AMS EDGE_POP_QUERY_PARAM_ENABLED=false \
    EDGE_ORIGINS_US_ENDPOINT=http://127.0.0.1:9 EDGE_ORIGINS_US_BUCKET=smoke-us EDGE_ORIGINS_US_ADDRESSING=path EDGE_ORIGINS_US_REGION=us-east-1 \
    EDGE_ORIGINS_EU_ENDPOINT=http://127.0.0.1:9 EDGE_ORIGINS_EU_BUCKET=smoke-eu EDGE_ORIGINS_EU_ADDRESSING=path \
    EDGE_ORIGINS_EU_ACCESS_KEY_ID=AKIDSMOKE EDGE_ORIGINS_EU_SECRET_ACCESS_KEY=smoke-secret \
    EDGE_ORIGIN_TIMEOUT=2s \
    "$(command -v chroot)" --userspec="$RUN_AS" "$ROOT" "${entrypoint[@]}" >"$APP_LOG" 2>&1 &
pid=$!

code=000
for ((i = 0; i < START_TIMEOUT * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || fail "the application exited during start-up"
    code=$(curl -s -m 2 -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/q/health/live || true)
    [[ $code == 200 ]] && break
    sleep 0.2
done
[[ $code == 200 ]] || fail "/q/health/live did not answer 200 within ${START_TIMEOUT}s (last: $code)"
echo "smoke: /q/health/live 200 after ~$((i / 5)).$((i % 5 * 2))s; $(grep -o 'started in [0-9.]*s' "$APP_LOG" || echo 'no start line')"

ready=$(curl -s -m 5 -w '\n%{http_code}' http://127.0.0.1:8080/q/health/ready || true)
[[ ${ready##*$'\n'} == 200 ]] || fail "/q/health/ready: ${ready}"
grep -q '"pop": *"AMS"' <<<"$ready" && grep -q '"origin": *"eu"' <<<"$ready" && grep -q '"origins.us"' <<<"$ready" \
    || fail "readiness does not reflect the env configuration (EDGE_POP=AMS -> eu, origin us): $ready"
echo "smoke: /q/health/ready 200, EDGE_POP=AMS -> origin eu, both origins configured"

# No origin listens on 127.0.0.1:9: the proxy must answer a 5xx of its own (and stay up), not hang or crash.
proxied=$(curl -s -m 10 -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/some/key.txt || true)
[[ $proxied =~ ^50[234]$ ]] || fail "GET /some/key.txt with the origin down: expected 502-504, got $proxied"
kill -0 "$pid" 2>/dev/null || fail "the application died on a proxied request"
echo "smoke: GET /some/key.txt with origin down -> $proxied"

uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
[[ $uid == "${RUN_AS%%:*}" ]] || fail "the application runs as uid $uid, expected ${RUN_AS%%:*}"
sleep 3   # let start-up garbage settle before reading the idle footprint
echo "smoke: idle $(grep -E '^VmRSS' "/proc/$pid/status" | tr -s ' \t' ' '), peak $(grep -E '^VmHWM' "/proc/$pid/status" | tr -s ' \t' ' '), uid $uid"

kill -TERM "$pid"
for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$pid" 2>/dev/null && fail "the application did not stop within 10s of SIGTERM"
rc=0; wait "$pid" || rc=$?
grep -q 'stopped in' "$APP_LOG" || fail "no clean shutdown logged after SIGTERM (exit $rc)"
echo "smoke: stopped cleanly on SIGTERM (exit $rc, 143 = 128+SIGTERM is normal)"
# Anything the app warned about, besides the expected failure to reach the absent origin.
grep -E 'WARN|ERROR' "$APP_LOG" | grep -v '127.0.0.1:9' | sed 's/^/smoke: app log: /' || true
[[ ${VERBOSE:-0} == 1 ]] && sed 's/^/smoke: app log: /' "$APP_LOG"
true
INNER

printf '%s\n' "${entrypoint[@]}" >"$work/entrypoint"
printf '%s\n' "${image_env[@]}" | grep -v '^$' >"$work/image-env" || true
log "running ${entrypoint[0]} in new pid/mount/net namespaces as $user"
ROOT=$root RUN_AS=$user APP_LOG=$work/app.log ENTRYPOINT_FILE=$work/entrypoint IMAGE_ENV_FILE=$work/image-env \
    START_TIMEOUT=$START_TIMEOUT VERBOSE=${VERBOSE:-0} \
    timeout $((START_TIMEOUT + 60)) unshare --fork --pid --mount --net --mount-proc bash "$work/inner.sh" \
    || fail "the smoke run failed (see above)"
