#!/usr/bin/env python3
"""Verify Origin Edge's edge-auth header (Python 3, standard library only).

Header: "{unix seconds},{pop}, {base64(HMAC-SHA256(secret, "{unix seconds},{pop}"))}"

As a library:  from verify import verify; if not verify(header, secret): respond 403
As a command:  EDGE_AUTH_SECRET=... python3 verify.py "$HEADER"   # exit 0 valid, 1 not, 2 no secret
"""
import base64
import binascii
import hashlib
import hmac
import os
import sys
import time


def reason(header, secret, max_age=60, max_skew=30, now=None):
    """None if the header is genuine and fresh, else why not."""
    if not header:
        return "missing"
    # Time before the first comma, signature after the last one, the POP in between.
    message, _, signature = header.rpartition(",")
    stamp, _, pop = message.partition(",")
    if not pop or not (stamp.isascii() and stamp.isdigit()):
        return "malformed"
    try:
        given = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError):
        return "malformed signature"
    expected = hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, given):  # constant time
        return "bad signature"
    age = int(time.time() if now is None else now) - int(stamp)
    if age > max_age:
        return "expired"
    if -age > max_skew:
        return "in the future"
    return None


def verify(header, secret, max_age=60, max_skew=30, now=None):
    """True if the header is genuine and at most max_age seconds old (max_skew ahead)."""
    return reason(header, secret, max_age, max_skew, now) is None


if __name__ == "__main__":
    secret = os.environ.get("EDGE_AUTH_SECRET")
    if not secret:
        print("edge-auth: EDGE_AUTH_SECRET is not set", file=sys.stderr)
        sys.exit(2)  # a set-up error, not a verdict on the header
    why = reason(sys.argv[1] if len(sys.argv) > 1 else "", secret)
    if why:
        print("edge-auth: " + why, file=sys.stderr)
        sys.exit(1)
