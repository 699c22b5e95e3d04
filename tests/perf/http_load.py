"""The HTTP benchmark's loopback tools, standard library only: a load generator bounded in time and an SMTP
sink that counts messages (used by ``bench_http.py``).

The load generator keeps ``connections`` HTTP/1.1 connections busy for ``warmup + duration`` seconds, each
sending its next request as soon as the previous answer is read (reconnecting when the server closes the
connection, as gunicorn's sync workers do after every response), and records the latency of every request
finished in the measured window. Any answer other than 200 counts as an error.
"""

import asyncio
import statistics
import threading
import time

GRACE = 30.0  # seconds an in-flight request may still take after the measured window


def percentile(values, fraction):
    """The nearest-rank percentile of sorted ``values`` (0 < fraction <= 1)."""
    if not values:
        return float("nan")
    rank = max(1, int(round(fraction * len(values) + 0.5)))
    return values[min(rank, len(values)) - 1]


async def _read_response(reader):
    """(status, keep_alive) of one response, its body read and dropped."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    status = int(parts[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    keep_alive = headers.get("connection", "").lower() != "close" and parts[0] == "HTTP/1.1"
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
        keep_alive = False
    return status, keep_alive


def request_bytes(host, port, path, headers=None):
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: keep-alive",
             *(f"{name}: {value}" for name, value in (headers or {}).items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _exchange(host, port, payload, connection):
    if connection[1] is None:
        connection[:] = await asyncio.open_connection(host, port)
    reader, writer = connection
    writer.write(payload)
    await writer.drain()
    return await _read_response(reader)


async def _client(host, port, payload, warm_until, stop_at, latencies, statuses, failures, unfinished):
    connection = [None, None]
    while time.perf_counter() < stop_at:
        sent = time.perf_counter()
        try:
            # A request still unanswered GRACE seconds after the window is given up (counted as unfinished).
            status, keep_alive = await asyncio.wait_for(_exchange(host, port, payload, connection),
                                                        timeout=stop_at + GRACE - sent)
        except TimeoutError:
            unfinished.append(sent)
            break
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            if connection[1] is not None:
                connection[1].close()
            connection[:] = [None, None]
            if time.perf_counter() >= warm_until:
                failures.append(type(exc).__name__)
            await asyncio.sleep(0.01)
            continue
        done = time.perf_counter()
        if warm_until <= sent and done <= stop_at:
            latencies.append(done - sent)
            statuses[status] = statuses.get(status, 0) + 1
        if not keep_alive:
            connection[1].close()
            connection[:] = [None, None]
    if connection[1] is not None:
        connection[1].close()


async def _run(host, port, path, headers, connections, warmup, duration):
    payload = request_bytes(host, port, path, headers)
    start = time.perf_counter()
    warm_until, stop_at = start + warmup, start + warmup + duration
    latencies, statuses, failures, unfinished = [], {}, [], []
    await asyncio.gather(*(_client(host, port, payload, warm_until, stop_at, latencies, statuses, failures,
                                   unfinished) for _ in range(connections)))
    return latencies, statuses, failures, unfinished


def load(host, port, path, *, headers=None, connections=16, warmup=2.0, duration=10.0):
    """Load ``path`` for ``warmup + duration`` seconds; figures of the measured window: requests/s, p50 and p99
    in milliseconds of the requests sent and answered within it, the count of non-200 answers and of connection
    failures, the statuses seen, and the requests still unanswered ``GRACE`` seconds after the window."""
    latencies, statuses, failures, unfinished = asyncio.run(
        _run(host, port, path, headers, connections, warmup, duration))
    latencies.sort()
    ok = statuses.get(200, 0)
    return {
        "requests": len(latencies),
        "rps": ok / duration,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "mean_ms": (statistics.fmean(latencies) * 1000) if latencies else float("nan"),
        "errors": len(latencies) - ok + len(failures),
        "statuses": statuses,
        "unfinished": len(unfinished),
    }


class SmtpSink:
    """An SMTP server on loopback (its own thread and event loop) that accepts every message and records the
    time it arrived (``time.perf_counter()``); no TLS, no authentication."""

    def __init__(self, host="127.0.0.1"):
        self.host = host
        self.port = None
        self.arrivals = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._ready = threading.Event()

    def start(self):
        self._thread.start()
        self._ready.wait(10)
        return self

    def _serve(self):
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._session, self.host, 0, limit=2**22))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()

    def stop(self):
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    @property
    def count(self):
        with self._lock:
            return len(self.arrivals)

    def reset(self):
        with self._lock:
            self.arrivals.clear()

    def wait_for(self, n, timeout):
        """The arrival time of the ``n``-th message since the last reset, or None after ``timeout`` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self._lock:
                if len(self.arrivals) >= n:
                    return self.arrivals[n - 1]
            time.sleep(0.05)
        return None

    async def _session(self, reader, writer):
        async def reply(line):
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        try:
            await reply("220 sink ESMTP")
            while True:
                line = await reader.readline()
                if not line:
                    break
                verb = line[:4].upper()
                if verb in (b"EHLO",):
                    await reply("250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8")
                elif verb == b"DATA":
                    await reply("354 end with <CRLF>.<CRLF>")
                    await reader.readuntil(b"\r\n.\r\n")
                    with self._lock:
                        self.arrivals.append(time.perf_counter())
                    await reply("250 queued")
                elif verb == b"QUIT":
                    await reply("221 bye")
                    break
                else:  # HELO, MAIL, RCPT, RSET, NOOP
                    await reply("250 ok")
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()
