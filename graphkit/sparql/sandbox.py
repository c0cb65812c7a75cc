"""What an engine process of ``graphkit serve`` may do, set in the child before it starts
(:func:`child_setup`): it stops when graphkit dies, its address space is capped, and,
unless a ``SERVICE`` is allowed, it cannot open any connection (a seccomp filter).

>>> child_setup() is None or callable(child_setup())
True
"""

from __future__ import annotations

import errno
import sys

# seccomp: refuse the connect() system call with EPERM, allow everything else.
_CONNECT = {"x86_64": (0xC000003E, 42), "aarch64": (0xC00000B7, 203)}


def no_connect_filter():
    """A seccomp program (and what keeps its memory alive) that makes ``connect()`` fail with
    EPERM, for this machine's architecture; None where it is not known."""
    import ctypes
    import platform

    known = _CONNECT.get(platform.machine())
    if known is None:
        return None
    arch, connect = known

    class Filter(ctypes.Structure):
        _fields_ = [
            ("code", ctypes.c_ushort),
            ("jt", ctypes.c_ubyte),
            ("jf", ctypes.c_ubyte),
            ("k", ctypes.c_uint),
        ]

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter))]

    load, jump_eq, ret = 0x20, 0x15, 0x06
    steps = [
        (load, 0, 0, 4),  # the architecture
        (jump_eq, 0, 3, arch),  # another one: allow
        (load, 0, 0, 0),  # the system call's number
        (jump_eq, 0, 1, connect),
        (ret, 0, 0, 0x00050000 | errno.EPERM),  # SECCOMP_RET_ERRNO
        (ret, 0, 0, 0x7FFF0000),  # SECCOMP_RET_ALLOW
    ]
    filters = (Filter * len(steps))(*[Filter(*step) for step in steps])
    program = Program(len(steps), filters)
    return program, filters


def child_setup(address_space: int | None = None, no_connect: bool = False):
    """On Linux, a function run in the child before the server starts: ask the kernel to stop
    it if graphkit dies without cleaning up (PR_SET_PDEATHSIG, sent when the *thread* that
    started it ends), cap its address space, and with ``no_connect`` forbid it to open any
    connection (seccomp): a ``SERVICE`` the query check missed would reach nothing.
    Prepared here, as the child may not import or allocate."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import resource
    import signal

    try:
        prctl = ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        prctl = None
    sigterm = int(signal.SIGTERM)
    seccomp = no_connect_filter() if no_connect and prctl is not None else None
    pointer = ctypes.byref(seccomp[0]) if seccomp else None

    def setup() -> None:
        if prctl is not None:
            prctl(1, sigterm)  # PR_SET_PDEATHSIG
            if pointer is not None and prctl(38, 1, 0, 0, 0) == 0:  # PR_SET_NO_NEW_PRIVS
                prctl(22, 2, pointer, 0, 0)  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
        if address_space:
            resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

    setup.keep = seccomp  # the program must outlive the fork
    return setup
