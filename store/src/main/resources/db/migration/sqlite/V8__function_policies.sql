-- Resource-based policies of functions (AddPermission), one row per function, version or alias that has one. The
-- qualifier is '$LATEST' for the unqualified function's policy, else a version number or an alias name: each is a
-- separate document. statements_json holds the domain statements (never the wire document), in the order added.
-- A policy without statements has no row. Deleting the function, the version or the alias deletes its row (the
-- control plane does, after the deletion is durable; the server sweeps leftovers at startup).
CREATE TABLE function_policies (
    function_name   TEXT NOT NULL,
    qualifier       TEXT NOT NULL,
    revision_id     TEXT NOT NULL,
    statements_json TEXT NOT NULL,
    PRIMARY KEY (function_name, qualifier)
) STRICT, WITHOUT ROWID;
