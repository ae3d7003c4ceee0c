package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFunctionPolicyStoreTest extends FunctionPolicyStoreContract {

    @Override
    protected FunctionPolicyStore open(Path directory) {
        return new SqliteFunctionPolicyStore(directory);
    }

    @Test
    void refusesUseAfterClose(@TempDir Path dataDir) {
        SqliteFunctionPolicyStore closed = new SqliteFunctionPolicyStore(dataDir);
        closed.close();

        assertThatThrownBy(() -> closed.find("hello", FunctionPolicyStore.LATEST))
                .isInstanceOf(IllegalStateException.class);
    }
}
