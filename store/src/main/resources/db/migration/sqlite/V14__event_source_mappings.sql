-- Lambda's event source mappings (CreateEventSourceMapping): one row per mapping, in the namespace of its function.
-- The uuid is unique across every namespace, so the pollers' reports (which name a mapping by its uuid alone) find
-- it. One queue maps to one function (ARN, qualifier included) at most once per namespace, as AWS refuses a duplicate.
CREATE TABLE event_source_mappings (
    account_id               TEXT    NOT NULL,
    region                   TEXT    NOT NULL,
    uuid                     TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    event_source_arn         TEXT    NOT NULL,
    function_arn             TEXT    NOT NULL,
    state                    TEXT    NOT NULL CHECK (state IN ('Creating', 'Enabling', 'Enabled', 'Updating',
                                                               'Disabling', 'Disabled', 'Deleting')),
    state_transition_reason  TEXT    NOT NULL,
    batch_size               INTEGER NOT NULL CHECK (batch_size BETWEEN 1 AND 10000),
    batching_window_seconds  INTEGER NOT NULL CHECK (batching_window_seconds BETWEEN 0 AND 300),
    maximum_concurrency      INTEGER CHECK (maximum_concurrency BETWEEN 2 AND 1000),  -- NULL: no ScalingConfig
    function_response_types  TEXT    NOT NULL,  -- JSON array of strings
    filter_patterns          TEXT    NOT NULL,  -- JSON array of the FilterCriteria.Filters[].Pattern strings
    last_modified            INTEGER NOT NULL,  -- epoch milliseconds
    last_processing_result   TEXT    NOT NULL,
    PRIMARY KEY (account_id, region, uuid),
    UNIQUE (account_id, region, event_source_arn, function_arn)
) STRICT, WITHOUT ROWID;
