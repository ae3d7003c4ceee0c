-- Accounts and regions are namespaces: every regional resource is keyed by (account_id, region, ...), so a function
-- `x` in one account or region is unrelated to an `x` in another. SQLite cannot change a primary key, so each table is
-- recreated and its rows copied; the rows written before V9 belong to the server's configured default account and
-- region (Flyway placeholders, see SqliteDatabase). Code packages stay shared across namespaces (content-addressed).
-- The event queue keeps one key column: function_name now holds the function's unqualified ARN, which names its
-- account and region. See docs/design/storage.md, "Namespaces".

CREATE TABLE functions_v9 (
    account_id     TEXT    NOT NULL,
    region         TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    revision_id    TEXT    NOT NULL,
    code_sha256    TEXT,
    config_json    TEXT    NOT NULL,
    tags_json      TEXT    NOT NULL,
    last_published INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, region, name)
) STRICT;
INSERT INTO functions_v9 (account_id, region, name, revision_id, code_sha256, config_json, tags_json, last_published)
    SELECT '${default_account_id}', '${default_region}', name, revision_id, code_sha256, config_json, tags_json,
           last_published FROM functions;

CREATE TABLE function_versions_v9 (
    account_id         TEXT    NOT NULL,
    region             TEXT    NOT NULL,
    function_name      TEXT    NOT NULL,
    version            INTEGER NOT NULL,
    code_sha256        TEXT,
    config_json        TEXT    NOT NULL,
    latest_revision_id TEXT    NOT NULL,
    PRIMARY KEY (account_id, region, function_name, version),
    FOREIGN KEY (account_id, region, function_name) REFERENCES functions_v9 (account_id, region, name) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
INSERT INTO function_versions_v9 SELECT '${default_account_id}', '${default_region}', function_name, version,
    code_sha256, config_json, latest_revision_id FROM function_versions;

CREATE TABLE function_aliases_v9 (
    account_id         TEXT NOT NULL,
    region             TEXT NOT NULL,
    function_name      TEXT NOT NULL,
    name               TEXT NOT NULL,
    function_version   TEXT NOT NULL,
    description        TEXT NOT NULL,
    additional_version TEXT,
    additional_weight  REAL,
    revision_id        TEXT NOT NULL,
    PRIMARY KEY (account_id, region, function_name, name),
    FOREIGN KEY (account_id, region, function_name) REFERENCES functions_v9 (account_id, region, name) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
INSERT INTO function_aliases_v9 SELECT '${default_account_id}', '${default_region}', function_name, name,
    function_version, description, additional_version, additional_weight, revision_id FROM function_aliases;

CREATE TABLE layers_v9 (
    account_id     TEXT    NOT NULL,
    region         TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    latest_version INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, name)
) STRICT, WITHOUT ROWID;
INSERT INTO layers_v9 SELECT '${default_account_id}', '${default_region}', name, latest_version FROM layers;

CREATE TABLE layer_versions_v9 (
    account_id               TEXT    NOT NULL,
    region                   TEXT    NOT NULL,
    name                     TEXT    NOT NULL,
    version                  INTEGER NOT NULL,
    description              TEXT    NOT NULL,
    compatible_runtimes      TEXT    NOT NULL,
    compatible_architectures TEXT    NOT NULL,
    license_info             TEXT,
    code_sha256              TEXT    NOT NULL,
    code_size                INTEGER NOT NULL,
    unzipped_size            INTEGER NOT NULL,
    created_date             TEXT    NOT NULL,
    policy_json              TEXT,
    policy_revision_id       TEXT,
    PRIMARY KEY (account_id, region, name, version),
    FOREIGN KEY (account_id, region, name) REFERENCES layers_v9 (account_id, region, name)
) STRICT, WITHOUT ROWID;
INSERT INTO layer_versions_v9 SELECT '${default_account_id}', '${default_region}', name, version, description,
    compatible_runtimes, compatible_architectures, license_info, code_sha256, code_size, unzipped_size, created_date,
    policy_json, policy_revision_id FROM layer_versions;

CREATE TABLE event_invoke_configs_v9 (
    account_id                  TEXT NOT NULL,
    region                      TEXT NOT NULL,
    function_name               TEXT NOT NULL,
    qualifier                   TEXT NOT NULL,
    maximum_retry_attempts      INTEGER,
    maximum_event_age_seconds   INTEGER,
    on_success_destination      TEXT,
    on_failure_destination      TEXT,
    last_modified               TEXT NOT NULL,
    PRIMARY KEY (account_id, region, function_name, qualifier)
) STRICT, WITHOUT ROWID;
INSERT INTO event_invoke_configs_v9 SELECT '${default_account_id}', '${default_region}', function_name, qualifier,
    maximum_retry_attempts, maximum_event_age_seconds, on_success_destination, on_failure_destination, last_modified
    FROM event_invoke_configs;

CREATE TABLE reserved_concurrency_v9 (
    account_id    TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    function_name TEXT    NOT NULL,
    reserved      INTEGER NOT NULL CHECK (reserved >= 0),
    PRIMARY KEY (account_id, region, function_name)
) STRICT, WITHOUT ROWID;
INSERT INTO reserved_concurrency_v9 SELECT '${default_account_id}', '${default_region}', function_name, reserved
    FROM reserved_concurrency;

CREATE TABLE provisioned_concurrency_v9 (
    account_id    TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    function_name TEXT    NOT NULL,
    qualifier     TEXT    NOT NULL,
    requested     INTEGER NOT NULL CHECK (requested >= 1),
    last_modified INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, function_name, qualifier)
) STRICT, WITHOUT ROWID;
INSERT INTO provisioned_concurrency_v9 SELECT '${default_account_id}', '${default_region}', function_name, qualifier,
    requested, last_modified FROM provisioned_concurrency;

CREATE TABLE function_policies_v9 (
    account_id      TEXT NOT NULL,
    region          TEXT NOT NULL,
    function_name   TEXT NOT NULL,
    qualifier       TEXT NOT NULL,
    revision_id     TEXT NOT NULL,
    statements_json TEXT NOT NULL,
    PRIMARY KEY (account_id, region, function_name, qualifier)
) STRICT, WITHOUT ROWID;
INSERT INTO function_policies_v9 SELECT '${default_account_id}', '${default_region}', function_name, qualifier,
    revision_id, statements_json FROM function_policies;

-- The new tables' foreign keys name the new parents (functions_v9, layers_v9); renaming a parent renames them too.
-- Children first: the old foreign keys point at the old parents.
DROP TABLE function_aliases;
DROP TABLE function_versions;
DROP TABLE functions;
DROP TABLE layer_versions;
DROP TABLE layers;
DROP TABLE event_invoke_configs;
DROP TABLE reserved_concurrency;
DROP TABLE provisioned_concurrency;
DROP TABLE function_policies;

ALTER TABLE functions_v9 RENAME TO functions;
ALTER TABLE function_versions_v9 RENAME TO function_versions;
ALTER TABLE function_aliases_v9 RENAME TO function_aliases;
ALTER TABLE layers_v9 RENAME TO layers;
ALTER TABLE layer_versions_v9 RENAME TO layer_versions;
ALTER TABLE event_invoke_configs_v9 RENAME TO event_invoke_configs;
ALTER TABLE reserved_concurrency_v9 RENAME TO reserved_concurrency;
ALTER TABLE provisioned_concurrency_v9 RENAME TO provisioned_concurrency;
ALTER TABLE function_policies_v9 RENAME TO function_policies;

-- Code package garbage collection reads every namespace's hashes.
CREATE INDEX functions_code_sha256 ON functions (code_sha256);
CREATE INDEX function_versions_code_sha256 ON function_versions (code_sha256);

-- Queued events name their function by its unqualified ARN.
UPDATE event_queue SET function_name = 'arn:' || CASE
        WHEN '${default_region}' LIKE 'cn-%' THEN 'aws-cn'
        WHEN '${default_region}' LIKE 'us-gov-%' THEN 'aws-us-gov'
        ELSE 'aws' END
    || ':lambda:${default_region}:${default_account_id}:function:' || function_name;
