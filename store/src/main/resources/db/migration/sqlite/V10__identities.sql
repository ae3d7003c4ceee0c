-- The global identity services' state (issue 22), keyed by account alone: IAM's users (with their access keys,
-- inline policies and attached policy ARNs), roles (likewise) and customer managed policies (with their versions),
-- and Organizations' accounts. One row per entity; body is the owner's JSON document, never a wire shape. Changes
-- that belong together (an account and its OrganizationAccountAccessRole) are written in one transaction.
-- Secret access keys are never stored: they are derived from the server's secret (docs/design/security.md).
CREATE TABLE identity_entities (
    account_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (account_id, kind, name)
) STRICT, WITHOUT ROWID;
