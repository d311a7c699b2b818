"""briefbot application: settings, store, ingestion, commands, scheduler, CLI."""
import os

# Before numpy loads (this package is imported before any module of it, by `python -m bot` and by
# the `briefbot` script alike): its OpenBLAS starts a thread for every other core, which spins after
# each call. Our matrices are one article's sentences (tens of rows), so those threads buy nothing,
# cost a cold ingest about 0.1 CPU s and compete with our own analysis workers; and a Ctrl-C may be
# delivered to one of them instead of the main thread, which then waits in the console's input()
# for ever. One thread, unless the operator says otherwise.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
