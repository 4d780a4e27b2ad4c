#!/usr/bin/env python3
# Runs a command and prints the CPU time (user + system) that it and every process it started used, as
# "kaiku-cpu: SECONDS" on stderr, then exits with its code. A child subreaper (Linux), so the processes a browser
# leaves behind when its parent is gone are reaped here and counted too, not by init. A process still running 5 s
# after the command ended is left alone (it is not waited for, and not counted).
import ctypes
import os
import resource
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
child = subprocess.Popen(sys.argv[1:])
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(sig, lambda n, _frame: child.send_signal(n))
code = child.wait()
deadline = time.monotonic() + 5
while True:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
if code < 0:
    # As scripts/test.mjs says of a command a signal ended (it runs a crashed runner once more).
    print(f"run ended by signal {signal.Signals(-code).name}", file=sys.stderr, flush=True)
print(f"kaiku-cpu: {usage.ru_utime + usage.ru_stime:.1f}", file=sys.stderr, flush=True)
sys.exit(code if code >= 0 else 128 - code)
