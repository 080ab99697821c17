#!/bin/sh
# Verify Origin Edge's edge-auth header with POSIX sh and openssl.
#   EDGE_AUTH_SECRET=... [MAX_AGE=60] [MAX_SKEW=30] sh verify.sh "$HEADER"
# Exit 0 if valid, 1 if not (the reason on stderr), 2 if EDGE_AUTH_SECRET is not set.
# Header: "{unix seconds},{pop}, {base64(HMAC-SHA256(secret, "{unix seconds},{pop}"))}"
#
# Caveats: the final string comparison in shell is not constant-time, and openssl takes the secret on its
# command line (visible to other local users in the process list). Prefer verify.py or EdgeAuthVerifier
# where timing or a shared host matters.
set -u

fail() { echo "edge-auth: $*" >&2; exit 1; }

secret=${EDGE_AUTH_SECRET-}
[ -n "$secret" ] || { echo "edge-auth: EDGE_AUTH_SECRET is not set" >&2; exit 2; }
header=${1-}
[ -n "$header" ] || fail "missing"

# Time before the first comma, signature after the last one, the POP in between.
message=${header%,*}
signature=${header##*,}
stamp=${message%%,*}
pop=${message#*,}
[ "$message" != "$header" ] && [ "$pop" != "$message" ] && [ -n "$pop" ] || fail "malformed"
# Plain decimal only; no leading zero (shell arithmetic would read it as octal), at most 12 digits.
case $stamp in '' | *[!0-9]* | 0?* | ?????????????*) fail "malformed" ;; esac

# Strip surrounding blanks of the signature, so "ts,pop,sig" verifies too.
blanks=$(printf ' \t')
signature=${signature#"${signature%%[!$blanks]*}"}
signature=${signature%"${signature##*[!$blanks]}"}

expected=$(printf '%s' "$message" | openssl dgst -sha256 -hmac "$secret" -binary | openssl base64 -A)
[ -n "$expected" ] || fail "openssl failed"
[ "$signature" = "$expected" ] || fail "bad signature"

age=$(( $(date +%s) - stamp ))
[ "$age" -le "${MAX_AGE:-60}" ] || fail "expired"
[ "$age" -ge "-${MAX_SKEW:-30}" ] || fail "in the future"
exit 0
