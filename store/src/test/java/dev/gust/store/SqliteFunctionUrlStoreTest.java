package dev.gust.store;

import java.nio.file.Path;

class SqliteFunctionUrlStoreTest extends FunctionUrlStoreContract {

    @Override
    protected FunctionUrlStore open(Path directory) {
        return new SqliteFunctionUrlStore(directory);
    }
}
