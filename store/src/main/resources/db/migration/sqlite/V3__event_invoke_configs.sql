-- Asynchronous invocation settings (PutFunctionEventInvokeConfig), one row per function and qualifier.
-- The qualifier is '$LATEST' for the unqualified function, as AWS reports it. NULL settings are unset.
CREATE TABLE event_invoke_configs (
    function_name               TEXT NOT NULL,
    qualifier                   TEXT NOT NULL,
    maximum_retry_attempts      INTEGER,
    maximum_event_age_seconds   INTEGER,
    on_success_destination      TEXT,
    on_failure_destination      TEXT,
    last_modified               TEXT NOT NULL, -- ISO-8601, full precision
    PRIMARY KEY (function_name, qualifier)
) STRICT, WITHOUT ROWID;
