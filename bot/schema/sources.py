"""Feed and page sources: conditional GET state, who added each, the URL looked up on /addsource."""
from __future__ import annotations

import sqlite_utils

migrations = sqlite_utils.Migrations("sources")


@migrations(name="sources_001_fetch_state")
def _sources_fetch_state(db: sqlite_utils.Database) -> None:
    """Conditional GET state and who added a source; url looked up on every /addsource."""
    db["sources"].add_column("etag", str)
    db["sources"].add_column("last_modified", str)
    db["sources"].add_column("created_by", str)
    db["sources"].add_column("canonical_url", str)
    db["sources"].create_index(["canonical_url"])
    db["sources"].create_index(["next_fetch_at"])
