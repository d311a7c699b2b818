"""Analysis in several processes, results in input order: `with AnalysisPool(n) as pool: pool.map(f, items)`.

Ingest's analysis (the pure summariser part) is CPU-bound Python, so a second
core needs a second process. Two ways, by what the calling process is:

* **single-threaded** (`python -m bot ingest`, `python -m bot worker`): n - 1
  workers are forked, with the analysis code and its tables already loaded,
  and the calling process (the writer) is the n-th analyser. Work is
  *pulled*: a few chunks of articles wait in one shared queue; a worker takes
  the next when it is free, and the writer analyses a chunk of its own read-ahead
  whenever the result it must hand on next is not back yet. Both cores stay
  busy whatever share of the time writing takes, and at the end of the stream
  the writer takes back what is left in the queue instead of waiting for a
  worker's backlog (docs/benchmarks.md: 2 processes against 1).
* **threaded** (the running bot, which answers chats meanwhile): forking a
  process that has threads can copy a lock another thread holds, so the
  workers come from a fork server that imported the analysis code once, and
  the calling process analyses nothing.

multiprocessing.Pool suits the second, not the first: its tasks go to a
worker as soon as they are queued, and the caller cannot take back one that
no worker has started, so the writer would wait for a worker's backlog.
"""
from __future__ import annotations

import gc
import itertools
import os
import pickle
import queue
import signal
import threading
import time
from collections import deque
from typing import Any, Callable, Iterable, Iterator


ANALYSIS_CHUNK = 2  # articles handed out at once: a few milliseconds of work, so neither side waits long
ANALYSIS_AHEAD = 64  # articles read ahead of the one handed on next (bounds memory and the read-ahead)
# Chunks in the workers' queue, a worker: enough work (about 16 articles, 80 ms) to last while the writer
# commits a batch or analyses a chunk of its own, few enough that most read-ahead stays with the writer.
QUEUED_A_WORKER = 8
POOL_CHUNK = 4  # the fork server's pool: articles a task
POOL_DEPTH = 6  # the fork server's pool: tasks queued a worker, enough to keep it busy while the writer commits
LIVENESS_SECONDS = 1.0  # how often a writer waiting for a result checks that the workers still run


class WorkerDied(RuntimeError):
    """An analysis worker ended without returning what it took (killed, out of memory)."""


class AnalysisPool:
    """`with AnalysisPool(n) as pool:` `pool.map(func, items)` in order over n processes (plain `map` for n <= 1).

    `deadline` (time.monotonic()): no result is waited for past it; `abandon()`
    makes leaving stop the workers at once instead of letting them finish.
    `warm` is called before workers are forked (they share what it loads);
    `preload` names the modules a fork server imports once.
    """

    def __init__(self, workers: int, deadline: float | None = None, warm: Callable[[], None] | None = None,
                 preload: tuple[str, ...] = ()) -> None:
        self.workers = max(1, int(workers))
        self.deadline = deadline
        self.warm = warm
        self.preload = preload
        self.map: Callable[..., Iterator] = _serial_map
        self.abandoned = False
        self.pool: Any = None  # the fork server's multiprocessing.Pool
        self.processes: list[Any] = []  # the forked workers
        self.frozen = False  # gc.freeze() was called before forking the workers
        self.tasks: Any = None
        self.results: Any = None
        self._pieces: dict[int, list[bytes | None]] = {}  # chunk number -> its result's pieces so far
        self._ends_sent = False  # each worker was sent its None (no more work) already
        # Once the input is read to its end: the chunks whose results are still to be handed on
        # (None before; `bot.ingest.ingest_many` writes what it holds when few are left).
        self.chunks_left: int | None = None

    def abandon(self) -> None:
        """On leaving, terminate the workers instead of waiting for the articles they hold."""
        self.abandoned = True

    def __enter__(self) -> "AnalysisPool":
        if self.workers <= 1:
            return self
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods and threading.active_count() == 1:
            context = multiprocessing.get_context("fork")
            if self.warm is not None:
                self.warm()  # loaded once here and shared by the forked workers, not once in each
            # What is loaded so far (code, tables) is left out of garbage collection while the workers
            # run, as the gc module's documentation advises before a fork: a collection in a worker
            # would otherwise write to every object's header, copying the shared pages, and the
            # collector would keep traversing tables that live as long as the process (2 processes
            # on the 755 real articles: 4.09 -> 3.84 CPU s in all, docs/benchmarks.md).
            # A process that froze its own start-up objects (bot.runtime) keeps them frozen as they are.
            if gc.get_freeze_count() == 0:
                gc.freeze()
                self.frozen = True
            self.tasks, self.results = context.Queue(), context.Queue()
            # Forked before anything is put: a queue's feeder thread starts on its first put.
            self.processes = [context.Process(target=_pull_worker, args=(self.tasks, self.results), daemon=True)
                              for _ in range(self.workers - 1)]
            for process in self.processes:
                process.start()
            self.map = self._shared_map
            return self
        if "forkserver" in methods:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(list(self.preload))
        else:
            context = multiprocessing.get_context("spawn")
        self.pool = context.Pool(self.workers)
        self.map = self._pool_map
        return self

    # ------------------------------------------------------------------ forked workers, work pulled

    def _shared_map(self, func: Callable, items: Iterable, started: Callable[[], None] | None = None) -> Iterator:
        """func over items in order; the writer analyses a waiting chunk whenever the next result is not back.

        Chunks read ahead wait here, not in the workers' queue: the queue gets only
        enough to keep each worker busy (QUEUED_A_WORKER), the oldest first, and the
        writer analyses the next one after those, so what it analyses never goes
        through a pipe. Only when all it read ahead is given out (the end of the
        stream, or a slow worker) does it take a chunk back from the queue.
        `started` is called once the workers have work: the first read-ahead, all
        of it queued, so they stay busy while the writer does what it must before
        writing (`bot.ingest.ingest_many`: open the store).
        """
        source = iter(items)
        done: dict[int, tuple[list, BaseException | None]] = {}  # chunk number -> (results, error after them)
        waiting: deque[tuple[int, list]] = deque()  # chunks read and not yet given to anyone, oldest first
        read = handed_on = 0  # chunks read; chunks whose results were yielded
        queued: set[int] = set()  # chunks put in the workers' queue whose results are not back
        exhausted = False
        in_flight = max(2, ANALYSIS_AHEAD // ANALYSIS_CHUNK)
        queue_depth = QUEUED_A_WORKER * len(self.processes)
        while True:
            while not exhausted and read - handed_on < in_flight:
                chunk = list(itertools.islice(source, ANALYSIS_CHUNK))
                if not chunk:
                    exhausted = True
                    break
                waiting.append((read, chunk))
                read += 1
            self._collect(done, wait=0.0)
            queued.difference_update(done)
            while waiting and (len(queued) < queue_depth or started is not None):
                number, chunk = waiting.popleft()
                self.tasks.put((number, func, chunk))
                queued.add(number)
            if started is not None:
                started()
                started = None
            if exhausted:
                self.chunks_left = read - handed_on
                if not waiting and not self._ends_sent:
                    # All work is given out: a worker leaves once its queue is done, while the writer
                    # still stores the last articles, instead of being told only after that.
                    self._send_ends()
            if self._past_deadline():  # nothing is handed on past it, not even what is back
                self.abandon()
                return
            if handed_on in done:
                results, error = done.pop(handed_on)
                handed_on += 1
                yield from results
                if error is not None:
                    raise error
                continue
            if exhausted and handed_on == read:
                return
            if waiting:
                number, chunk = waiting.popleft()  # the oldest not in the queue: what is done stays in order
            else:
                try:  # all read ahead is given out: take back what no worker has started
                    task = self.tasks.get_nowait()
                except queue.Empty:
                    task = None
                else:
                    if task is None:  # a worker's end (`_send_ends`), behind every chunk: it stays theirs
                        self.tasks.put(None)
                if task is None:  # every chunk left is in a worker: wait for one to come back
                    if not self._collect(done, wait=self._wait_seconds()):
                        self._check_workers()
                    continue
                number, _, chunk = task
                queued.discard(number)
            done[number] = _analyse_chunk(func, chunk, self.deadline)

    def _collect(self, done: dict, wait: float) -> int:
        """Take the result pieces that came back (waiting up to `wait` seconds for the first); how many.

        A chunk's result is whole in `done` once all its pieces are here (`_send_result`)."""
        taken = 0
        try:
            while True:
                number, index, count, piece = (self.results.get(timeout=wait) if wait and not taken
                                               else self.results.get_nowait())
                taken += 1
                pieces = self._pieces.setdefault(number, [None] * count)
                pieces[index] = piece
                if all(p is not None for p in pieces):
                    done[number] = pickle.loads(b"".join(self._pieces.pop(number)))
        except queue.Empty:
            return taken

    def _wait_seconds(self) -> float:
        if self.deadline is None:
            return LIVENESS_SECONDS
        return max(0.001, min(LIVENESS_SECONDS, self.deadline - time.monotonic()))

    def _check_workers(self) -> None:
        dead = [p.exitcode for p in self.processes if not p.is_alive()]
        if dead:
            self.abandon()
            raise WorkerDied(f"an analysis worker stopped (exit code {dead[0]}); nothing after the last "
                             "article stored was lost, run the ingest again to add the rest")

    def _send_ends(self) -> None:
        """Tell every worker there is no more work: it leaves once it has done what it took."""
        for _ in self.processes:
            self.tasks.put(None)
        self._ends_sent = True

    # ------------------------------------------------------------------ fork server's pool

    def _pool_map(self, func: Callable, items: Iterable, started: Callable[[], None] | None = None) -> Iterator:
        """func over items in order: POOL_CHUNK items a task, at most ANALYSIS_AHEAD read ahead of the
        results taken (a whole backfill is never read into memory)."""
        import multiprocessing

        if started is not None:
            started()
        source = iter(items)
        pending: deque[Any] = deque()  # AsyncResults, in input order
        depth = POOL_DEPTH * self.workers
        while True:
            while len(pending) < depth and len(pending) * POOL_CHUNK < ANALYSIS_AHEAD:
                chunk = list(itertools.islice(source, POOL_CHUNK))
                if not chunk:
                    break
                pending.append(self.pool.apply_async(_map_list, (func, chunk)))
            if not pending:
                return
            wait = None if self.deadline is None else max(0.0, self.deadline - time.monotonic())
            try:
                done = pending[0].get(wait)
            except multiprocessing.TimeoutError:  # the deadline came while the workers were busy
                self.abandon()
                return
            pending.popleft()
            yield from done

    def _past_deadline(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def __exit__(self, *exc) -> None:
        try:
            self._stop(bool(exc[0]) or self.abandoned)
        finally:
            if self.frozen:  # collected again: garbage made before the fork is freed by a later collection
                gc.unfreeze()
                self.frozen = False

    def _stop(self, stop: bool) -> None:
        if self.pool is not None:
            self.pool.terminate() if stop else self.pool.close()
            self.pool.join()
        if self.processes:
            if stop:
                # Terminated, a worker may leave half a result in the pipe: it is never read (a read
                # would wait for the rest for ever), and what is still buffered for them is dropped.
                for process in self.processes:
                    process.terminate()
                self.tasks.cancel_join_thread()
                self.results.cancel_join_thread()
            else:
                if not self._ends_sent:
                    self._send_ends()
                from multiprocessing.connection import wait

                while running := [process.sentinel for process in self.processes if process.is_alive()]:
                    # results nobody took (a caller that stopped early) are read off, or a worker
                    # blocks at exit flushing them into a full pipe; then we wait for a worker to end
                    # (its sentinel), not a fixed 50 ms that a finished ingest used to sit out
                    if not self._collect({}, wait=0.0):
                        wait(running, timeout=0.05)
            for process in self.processes:
                process.join()
            # Closed and joined: the queues' feeder threads end, so a later pool in this process
            # sees one thread again and may fork.
            for channel in (self.tasks, self.results):
                channel.close()
                channel.join_thread()


def _serial_map(func: Callable, items: Iterable, started: Callable[[], None] | None = None) -> Iterator:
    """func over items in this process (one worker), after `started()`."""
    if started is not None:
        started()
    return map(func, items)


def _pull_worker(tasks: Any, results: Any) -> None:
    """A forked worker: analyse chunks from `tasks` until None comes, each result to `results`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle; it stops us
    writer = os.getppid()
    _end_with(writer)
    while True:
        try:
            task = tasks.get(timeout=LIVENESS_SECONDS)
        except queue.Empty:
            # A writer that was killed (SIGKILL, out of memory) cannot stop us, and the queue's pipe
            # never ends (every forked process holds its writing end): we look for it ourselves.
            if os.getppid() != writer:
                return
            continue
        except (EOFError, OSError):  # the queue was torn down under us
            return
        if task is None:
            return
        number, func, chunk = task
        _send_result(results, number, _analyse_chunk(func, chunk))


# A result goes back in pieces small enough for one write() each (the pipe takes up to PIPE_BUF bytes
# at once, whole): a worker killed mid-result (out of memory) leaves whole pieces only, and the writer,
# which never sees the last piece, notices the dead worker. One large message cut short by the kill
# would leave the writer waiting for its rest for ever, where no timeout reaches.
RESULT_PIECE = 3800  # bytes of pickled result a message: with its framing well under Linux's 4,096


def _send_result(results: Any, number: int, outcome: tuple[list, BaseException | None]) -> None:
    payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    count = max(1, -(-len(payload) // RESULT_PIECE))
    for index in range(count):
        results.put((number, index, count, payload[index * RESULT_PIECE:(index + 1) * RESULT_PIECE]))


def _end_with(writer: int) -> None:
    """Ask Linux to end this process when the writer dies, even mid-message (where a read of the task
    pipe would wait for the rest for ever and no timeout helps). ctypes because only prctl(2) does
    this and a package (python-prctl) for one call is not worth a dependency; elsewhere, or if the
    call fails, the worker's polling of its parent is what remains."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != writer:  # it died before the request took effect
        os._exit(0)


def _analyse_chunk(func: Callable, chunk: list, deadline: float | None = None) -> tuple[list, BaseException | None]:
    """func over the chunk, stopping at the first error (returned after the results before it) or,
    in the writer, at the deadline (the results so far: nothing past the deadline is handed on)."""
    results: list = []
    for item in chunk:
        try:
            results.append(func(item))
        except Exception as error:  # noqa: BLE001 - raised by the writer in order, after the results before it
            return results, _picklable(error)
        if deadline is not None and time.monotonic() >= deadline:
            break
    return results, None


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.dumps(error)
    except Exception:  # noqa: BLE001 - any pickling failure: send its text instead
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _map_list(func: Callable, items: list) -> list:
    return [func(item) for item in items]
