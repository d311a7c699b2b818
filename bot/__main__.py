import sys

from bot.cli import exit_fast, main  # bot/__init__.py has set numpy's threads before this loads it

code = main()
exit_fast(code)  # after a bulk ingest: skips freeing its caches one by one (returns otherwise)
sys.exit(code)
