"""A loopback TCP proxy that injects network faults between the scanner and the real Dovecot.

TLS passes through untouched (the proxy only counts and cuts bytes). Faults hit the first
``faulty`` connections; later ones pass, so a scanner that reconnects can finish. A selector
loop (not a thread per direction) so that a FIN or RST really reaches the client.

modes, after ``nbytes`` server-to-client bytes of a faulty connection:
  pass       forward everything
  drop       clean close (FIN) of both sides
  reset      abortive close (RST) towards the client
  stall      stop forwarding, keep the sockets open
  hook       call ``on_fault()`` (kick the session, kill the imap process...) and go on forwarding
``strip`` removes words from what the server says (a downgrade attacker removing STARTTLS).
"""

from __future__ import annotations

import selectors
import socket
import struct
import threading
from collections.abc import Callable


class FaultProxy:
    def __init__(self, upstream: tuple[str, int], *, mode: str = "pass", nbytes: int = 0, faulty: int = 1,
                 listen: tuple[str, int] = ("127.0.0.1", 0), source: tuple[str, int] | None = None,
                 strip: tuple[bytes, ...] = (), on_fault: Callable[[], None] | None = None) -> None:
        self.upstream, self.mode, self.nbytes, self.faulty = upstream, mode, nbytes, faulty
        self.source, self.strip, self.on_fault = source, strip, on_fault
        self.srv = socket.create_server(listen)
        self.port = self.srv.getsockname()[1]
        self.host = listen[0]
        self.connections = 0
        self.faults = 0
        self._closing = threading.Event()
        self._socks: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                c, _ = self.srv.accept()
            except OSError:
                return
            self.connections += 1
            faulty = self.mode != "pass" and self.connections <= self.faulty
            threading.Thread(target=self._serve, args=(c, faulty), daemon=True).start()

    def _serve(self, c: socket.socket, faulty: bool) -> None:
        try:
            u = socket.create_connection(self.upstream, source_address=self.source)
        except OSError:
            c.close()
            return
        self._socks += [c, u]
        sel = selectors.DefaultSelector()
        sel.register(c, selectors.EVENT_READ, u)
        sel.register(u, selectors.EVENT_READ, c)
        sent = 0
        try:
            while not self._closing.is_set():
                for key, _ in sel.select(timeout=0.5):
                    src, dst = key.fileobj, key.data
                    data = src.recv(65536)
                    if not data:
                        return
                    if src is u and self.strip:
                        for word in self.strip:
                            data = data.replace(b" " + word, b"")
                    if src is u and faulty and sent + len(data) > self.nbytes:
                        faulty = False
                        self.faults += 1
                        cut = max(0, self.nbytes - sent)
                        c.sendall(data[:cut])
                        if self.mode == "hook":
                            if self.on_fault:
                                self.on_fault()
                            data = data[cut:]
                        elif self.mode == "stall":
                            self._closing.wait(3600)
                            return
                        else:
                            if self.mode == "reset":
                                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                            return
                    dst.sendall(data)
                    if src is u:
                        sent += len(data)
        except OSError:
            pass
        finally:
            sel.close()
            c.close()
            u.close()

    def close(self) -> None:
        self._closing.set()
        self.srv.close()
        for s in self._socks:
            try:
                s.close()
            except OSError:
                pass

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
