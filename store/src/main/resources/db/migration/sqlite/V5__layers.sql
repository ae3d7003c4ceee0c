-- Lambda layers (PublishLayerVersion). A layer exists while it has versions; its row in `layers` outlives them
-- so that version numbers are never reused (AWS continues counting after every version was deleted).
CREATE TABLE layers (
    name           TEXT    NOT NULL PRIMARY KEY,
    latest_version INTEGER NOT NULL   -- the highest version number ever published
) STRICT, WITHOUT ROWID;

-- One row per published, not deleted, layer version. Lists and the policy are JSON; instants are ISO-8601.
CREATE TABLE layer_versions (
    name                     TEXT    NOT NULL REFERENCES layers (name),
    version                  INTEGER NOT NULL,
    description              TEXT    NOT NULL,
    compatible_runtimes      TEXT    NOT NULL, -- JSON array of runtime ids, or null when none were given
    compatible_architectures TEXT    NOT NULL, -- JSON array of architectures
    license_info             TEXT,
    code_sha256              TEXT    NOT NULL, -- the package in the code store (kept while this row exists)
    code_size                INTEGER NOT NULL,
    unzipped_size            INTEGER NOT NULL,
    created_date             TEXT    NOT NULL,
    policy_json              TEXT,             -- JSON array of permission statements; NULL without a policy
    policy_revision_id       TEXT,             -- changes with every policy change; NULL without a policy
    PRIMARY KEY (name, version)
) STRICT, WITHOUT ROWID;
