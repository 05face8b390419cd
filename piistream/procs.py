"""Child processes of a worker, replay or ``scan --processes``: bound to their parent's life."""
from __future__ import annotations

import os
import threading
import time


def die_with_parent() -> None:
    """A detection process must not outlive its worker (a worker killed with SIGKILL cannot
    shut its pool down): on Linux the kernel sends SIGKILL when the parent dies; elsewhere a
    thread notices the re-parenting within a second."""
    parent = os.getppid()
    try:
        import ctypes
        import signal
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)
    threading.Thread(target=watch, name="piistream-parent-watch", daemon=True).start()
