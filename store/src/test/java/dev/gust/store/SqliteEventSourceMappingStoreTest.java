package dev.gust.store;

import java.nio.file.Path;

class SqliteEventSourceMappingStoreTest extends EventSourceMappingStoreContract {

    @Override
    protected EventSourceMappingStore open(Path directory) {
        return new SqliteEventSourceMappingStore(directory);
    }
}
