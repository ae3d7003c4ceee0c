-- Amazon SNS (issue 13): topics, subscriptions and the durable delivery outbox. Every table is keyed by the
-- namespace (account_id, region) first, as every regional table is. Topics and subscriptions hold their owner's JSON
-- document in body (never a wire shape). A publish is acknowledged only once its deliveries are rows of
-- sns_deliveries, one per subscription it goes to; a row leaves only when the delivery succeeded or was given up by
-- the subscription's retry policy, so an acknowledged message survives a SIGKILL.
CREATE TABLE sns_topics (
    account_id TEXT NOT NULL,
    region     TEXT NOT NULL,
    name       TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (account_id, region, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE sns_subscriptions (
    account_id      TEXT NOT NULL,
    region          TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    topic_name      TEXT NOT NULL,
    body            TEXT NOT NULL,
    PRIMARY KEY (account_id, region, subscription_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX sns_subscriptions_by_topic ON sns_subscriptions (account_id, region, topic_name);

CREATE TABLE sns_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      TEXT NOT NULL,
    region          TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    notification    TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    due_at          INTEGER NOT NULL
) STRICT;

CREATE INDEX sns_deliveries_due ON sns_deliveries (due_at, id);
