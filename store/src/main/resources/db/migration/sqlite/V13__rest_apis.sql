-- API Gateway REST APIs (issue 12, part 4). One row per API (kind 'api': its definition, resources, methods,
-- integrations and stages) and one per deployment (kind 'deployment': the snapshot of the API it deployed, never
-- changed). body is the owner's JSON document (dev.gust.apigateway.rest), never a wire shape. API ids are unique
-- across accounts and regions (API Gateway's invoke URLs name the API by its id alone), hence the index.
CREATE TABLE rest_apis (
    account_id TEXT NOT NULL,
    region     TEXT NOT NULL,
    api_id     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (account_id, region, api_id, kind, name)
) STRICT, WITHOUT ROWID;

CREATE INDEX rest_apis_by_id ON rest_apis (api_id);
