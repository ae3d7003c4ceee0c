-- One row per function: its $LATEST configuration and its tags.
-- Published versions will get their own table keyed by (function_name, version), referencing functions(name).
CREATE TABLE functions (
    name        TEXT NOT NULL PRIMARY KEY,
    revision_id TEXT NOT NULL,
    code_sha256 TEXT,
    config_json TEXT NOT NULL,
    tags_json   TEXT NOT NULL
) STRICT;

CREATE INDEX functions_code_sha256 ON functions (code_sha256);
