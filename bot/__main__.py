import os
import sys

# Before numpy loads: its OpenBLAS starts a thread for every other core. Our matrices are one
# article's sentences (tens of rows), so those threads buy nothing and compete with our own
# analysis workers; and a Ctrl-C may be delivered to one of them instead of the main thread,
# which then waits in the console's input() for ever. One thread, unless the operator says.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from bot.cli import exit_fast, main  # noqa: E402  (after the environment above)

code = main()
exit_fast(code)  # after a bulk ingest: skips freeing its caches one by one (returns otherwise)
sys.exit(code)
