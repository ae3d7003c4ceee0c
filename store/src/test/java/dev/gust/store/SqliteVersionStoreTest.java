package dev.gust.store;

import java.nio.file.Path;

class SqliteVersionStoreTest extends VersionStoreContract {

    @Override
    protected Stores open(Path directory) {
        return new Stores(new SqliteFunctionStore(directory), new SqliteVersionStore(directory));
    }
}
