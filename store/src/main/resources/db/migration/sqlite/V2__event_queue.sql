-- Asynchronous invocations (Invoke with X-Amz-Invocation-Type: Event) waiting for delivery, one row per event.
-- Instants are microseconds since the epoch. An event is due when next_attempt_at <= now and it has no live
-- lease (lease_until IS NULL OR lease_until <= now). See docs/design/storage.md, "Event queue".
CREATE TABLE event_queue (
    seq             INTEGER PRIMARY KEY,     -- rowid: enqueue order, breaks ties between equal instants
    request_id      TEXT    NOT NULL UNIQUE, -- the same for every attempt
    function_name   TEXT    NOT NULL,
    qualifier       TEXT,                    -- NULL when the invocation named none
    payload         BLOB    NOT NULL,
    enqueued_at     INTEGER NOT NULL,        -- the event's age counts from here
    attempts        INTEGER NOT NULL,        -- attempts that failed with a function error
    next_attempt_at INTEGER NOT NULL,
    lease_owner     TEXT,                    -- NULL, or who claimed the event ...
    lease_until     INTEGER                  -- ... and until when
) STRICT;

-- Claims walk the functions through this index and take each one's due events in (next_attempt_at, seq) order,
-- stopping after a few rows whatever the backlog; events backing off sort after the due range.
CREATE INDEX event_queue_due ON event_queue (function_name, next_attempt_at);

-- Releasing an owner's leases touches only leased rows.
CREATE INDEX event_queue_leases ON event_queue (lease_owner) WHERE lease_owner IS NOT NULL;
