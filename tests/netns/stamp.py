#!/usr/bin/env python3
"""Runs a program and copies its stdout line by line, each line prefixed with the epoch time it was read
("<epoch s> <line>"), as journald would timestamp a unit's lines. stderr passes through untouched.

    stamp.py PROGRAM [ARG...]

A signal to the process group reaches the program itself; this wrapper ignores SIGTERM and SIGINT so that it
keeps copying until the program has closed its stdout, then exits with the program's exit code (128 + signal
when a signal ended it), after writing "stamp-exit code=N" to stderr, so that whoever stopped it can read how it
ended. Python 3 standard library only.
"""
import signal
import subprocess
import sys
import time


def main(argv):
    if not argv:
        sys.stderr.write("usage: stamp.py PROGRAM [ARG...]\n")
        return 2
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The child gets the default dispositions back, so a TERM to the group stops it as usual.
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                             preexec_fn=lambda: (signal.signal(signal.SIGTERM, signal.SIG_DFL), signal.signal(signal.SIGINT, signal.SIG_DFL)))
    out = sys.stdout.buffer
    for line in iter(child.stdout.readline, b""):
        out.write(b"%.3f " % time.time() + line)
        out.flush()
    code = child.wait()
    code = 128 - code if code < 0 else code
    sys.stderr.write("stamp-exit code=%d\n" % code)
    sys.stderr.flush()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
