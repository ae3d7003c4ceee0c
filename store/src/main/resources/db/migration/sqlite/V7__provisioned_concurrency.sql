-- Provisioned concurrency configs (PutProvisionedConcurrencyConfig), one row per version or alias that has one.
-- The qualifier is a version number or an alias name, never $LATEST. Deleting the function, the version or the
-- alias deletes its row (the control plane does, after the deletion is durable).
CREATE TABLE provisioned_concurrency (
    function_name   TEXT    NOT NULL,
    qualifier       TEXT    NOT NULL,
    requested       INTEGER NOT NULL CHECK (requested >= 1),
    last_modified   INTEGER NOT NULL,  -- epoch milliseconds
    PRIMARY KEY (function_name, qualifier)
) STRICT, WITHOUT ROWID;
