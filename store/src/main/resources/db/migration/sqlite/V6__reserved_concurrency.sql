-- Reserved concurrency (PutFunctionConcurrency), one row per function that has it. It applies to the whole
-- function (every version and alias), so the key is the bare function name.
CREATE TABLE reserved_concurrency (
    function_name   TEXT PRIMARY KEY,
    reserved        INTEGER NOT NULL CHECK (reserved >= 0)
) STRICT, WITHOUT ROWID;
