#!/usr/bin/env bash
# Stages the build context of Dockerfile.native-scratch from a native binary and this host's files:
#   <ctx>/application       the binary
#   <ctx>/rootfs/...        the shared libraries it needs (per ldd), /etc/{passwd,group,nsswitch.conf},
#                           /etc/ssl/certs/ca-certificates.crt, /tmp (mode 1777)
# Usage: src/main/docker/stage-scratch.sh <native-binary> <new-or-empty-context-dir>
# Env:   CA_BUNDLE   system CA bundle to copy (default: the Debian or the RHEL location)
set -euo pipefail

die() { echo "stage-scratch: $*" >&2; exit 1; }

bin=${1:-}; ctx=${2:-}
[[ -n $bin && -n $ctx ]] || die "usage: $0 <native-binary> <context-dir>"
[[ -f $bin && -x $bin ]] || die "not an executable file: $bin (build it with ./mvnw package -Dnative)"
# Never wipe a directory we did not make: the context must be new or empty.
if [[ -e $ctx ]] && [[ -n $(ls -A "$ctx") ]]; then die "context dir exists and is not empty: $ctx"; fi

root=$ctx/rootfs
mkdir -p "$root/etc/ssl/certs" "$root/tmp"
chmod 1777 "$root/tmp"   # Vert.x caches files under java.io.tmpdir (/tmp); the runtime user must write there
install -m 0755 "$bin" "$ctx/application"

# Shared libraries: every absolute path ldd prints (libraries and the ELF interpreter), at the same path
# (symlinks dereferenced). A static binary needs none.
if ldd_out=$(ldd "$bin" 2>&1); then
    if grep -q 'not found' <<<"$ldd_out"; then die "unresolved libraries:"$'\n'"$ldd_out"; fi
    libs=$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' <<<"$ldd_out" | sort -u)
    libc=$(awk '$1 == "libc.so.6" { print $3 }' <<<"$ldd_out")
    # glibc dlopen()s libgcc_s for thread cancellation/unwinding; ldd cannot see that, so add it explicitly.
    if [[ -n $libc && -e $(dirname "$libc")/libgcc_s.so.1 ]]; then libs+=$'\n'$(dirname "$libc")/libgcc_s.so.1; fi
    for lib in $libs; do
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
    done
else
    grep -qE 'not a dynamic executable|statically linked' <<<"$ldd_out" || die "ldd failed: $ldd_out"
fi

ca=${CA_BUNDLE:-}
if [[ -z $ca ]]; then
    for f in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt; do [[ -f $f ]] && { ca=$f; break; }; done
fi
[[ -n $ca && -f $ca ]] || die "no CA bundle found (install ca-certificates or set CA_BUNDLE)"
install -m 0644 "$ca" "$root/etc/ssl/certs/ca-certificates.crt"

# The runtime user, numeric 65532 (as in distroless "nonroot"); root only so that tools can name uid 0.
printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' \
    'edge:x:65532:65532:origin-edge:/nonexistent:/sbin/nologin' >"$root/etc/passwd"
printf '%s\n' 'root:x:0:' 'edge:x:65532:' >"$root/etc/group"
# Without it glibc tries DNS before /etc/hosts; Kubernetes mounts /etc/hosts and /etc/resolv.conf.
echo 'hosts: files dns' >"$root/etc/nsswitch.conf"
chmod 0644 "$root/etc/passwd" "$root/etc/group" "$root/etc/nsswitch.conf"

echo "stage-scratch: staged $(find "$ctx" -type f | wc -l) files, $(du -sh "$ctx" | cut -f1) in $ctx"
