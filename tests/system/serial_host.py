#!/usr/bin/env python3
# The far end of the guest's COM2 for tests/system/serial.t and term.t: connects
# to QEMU's chardev socket, then plays a script of "expect TEXT" / "send TEXT"
# steps, printing "host: ok - ..." or "host: not ok - ..." per expectation.
import socket
import sys
import time

def connect(path, deadline):
    while time.time() < deadline:
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            return s
        except OSError:
            time.sleep(0.05)
    return None

def main():
    path, script, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
    deadline = time.time() + limit
    sock = connect(path, deadline)
    if sock is None:
        print("host: not ok - connected to COM2")
        return 1
    sock.settimeout(0.1)
    seen = b""
    failures = 0
    for line in open(script, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        verb, _, text = line.partition(" ")
        data = text.encode().decode("unicode_escape").encode("latin-1")
        if verb == "send":
            for byte in data:
                sock.sendall(bytes([byte]))
                time.sleep(0.02)
        elif verb in ("expect", "expect-not"):
            while data not in seen and time.time() < deadline:
                try:
                    chunk = sock.recv(4096)
                    if not chunk:
                        break
                    seen += chunk
                except socket.timeout:
                    if verb == "expect-not":
                        break
            found = data in seen
            passed = found if verb == "expect" else not found
            print("host: %s - %s %r" % ("ok" if passed else "not ok", verb, text))
            if not passed:
                failures += 1
                print("host: # seen so far %r" % seen[-200:])
            if found:
                seen = seen[seen.index(data) + len(data):]
        elif verb == "sleep":
            time.sleep(float(text))
        sys.stdout.flush()
    return 1 if failures else 0

sys.exit(main())
