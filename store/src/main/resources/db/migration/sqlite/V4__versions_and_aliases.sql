-- Published versions and aliases. A version is an immutable copy of $LATEST's configuration; deleting a function
-- deletes its versions and aliases in the same statement (ON DELETE CASCADE; foreign keys are enforced).

-- The highest version number ever published: numbers are never reused, even after deleting a version.
ALTER TABLE functions ADD COLUMN last_published INTEGER NOT NULL DEFAULT 0;

CREATE TABLE function_versions (
    function_name TEXT    NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    code_sha256   TEXT,
    config_json   TEXT    NOT NULL,
    latest_revision_id TEXT NOT NULL, -- $LATEST's revision id once this version was published from it
    PRIMARY KEY (function_name, version)
) STRICT, WITHOUT ROWID;

-- Code package garbage collection keeps every package a published version references.
CREATE INDEX function_versions_code_sha256 ON function_versions (code_sha256);

CREATE TABLE function_aliases (
    function_name      TEXT NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    function_version   TEXT NOT NULL, -- a version number or '$LATEST'
    description        TEXT NOT NULL,
    additional_version TEXT,          -- RoutingConfig.AdditionalVersionWeights: NULL, or one version ...
    additional_weight  REAL,          -- ... and its weight (0.0..1.0)
    revision_id        TEXT NOT NULL,
    PRIMARY KEY (function_name, name)
) STRICT, WITHOUT ROWID;
