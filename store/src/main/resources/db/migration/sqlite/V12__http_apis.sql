-- API Gateway HTTP APIs (apigatewayv2, issue 12): one row per API with its routes, integrations, stages and
-- deployments in body, the owner's JSON document (never a wire shape). An API lives in the account and region that
-- created it (the namespace columns), but its id is unique across every account, as AWS's are: the invoke URL names
-- the API by its id alone.
CREATE TABLE http_apis (
    api_id     TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    region     TEXT NOT NULL,
    body       TEXT NOT NULL
) STRICT, WITHOUT ROWID;
