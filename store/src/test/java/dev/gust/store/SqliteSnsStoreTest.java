package dev.gust.store;

import java.nio.file.Path;

class SqliteSnsStoreTest extends SnsStoreContract {

    @Override
    protected SnsStore open(Path directory) {
        return new SqliteSnsStore(directory);
    }
}
