-- Function URLs (CreateFunctionUrlConfig): one row per function ($LATEST) or alias that has a URL, in its namespace.
-- The url id is the first label of the URL's host: unique across every namespace, so a request finds its URL by it
-- alone. Deleting the function deletes its rows (the control plane does, after the deletion is durable).
CREATE TABLE function_urls (
    account_id     TEXT    NOT NULL,
    region         TEXT    NOT NULL,
    function_name  TEXT    NOT NULL,
    qualifier      TEXT    NOT NULL,  -- $LATEST or an alias name
    url_id         TEXT    NOT NULL UNIQUE CHECK (length(url_id) = 32),
    auth_type      TEXT    NOT NULL CHECK (auth_type IN ('NONE', 'AWS_IAM')),
    cors           TEXT,              -- the Cors member as JSON, or NULL
    invoke_mode    TEXT    CHECK (invoke_mode IN ('BUFFERED', 'RESPONSE_STREAM')),  -- NULL: never set
    creation_time  INTEGER NOT NULL,  -- epoch milliseconds
    last_modified  INTEGER NOT NULL,  -- epoch milliseconds
    PRIMARY KEY (account_id, region, function_name, qualifier)
) STRICT, WITHOUT ROWID;
