package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitWriterTest {

    @TempDir
    Path dataDir;

    private Connection connection;
    private GroupCommitWriter writer;

    @BeforeEach
    void open() throws SQLException {
        connection = SqliteDatabase.open(dataDir.resolve("gust.db"));
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (v INTEGER NOT NULL UNIQUE) STRICT");
        }
        writer = new GroupCommitWriter(connection, "test-writer");
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
        connection.close();
    }

    /** The failing task shares a batch with good ones: only it fails, the others commit. */
    @Test
    void failsOnlyTheBadTaskOfABatch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> blocker = writer.submit(() -> await(release), 0);
        List<CompletableFuture<Integer>> inserts = new ArrayList<>();
        for (int v : new int[] {1, 2, 2, 3}) {
            inserts.add(writer.submit(() -> insert(v), 0));
        }
        release.countDown();
        blocker.join();

        assertThat(inserts.get(0).join()).isEqualTo(1);
        assertThat(inserts.get(1).join()).isEqualTo(1);
        assertThatThrownBy(inserts.get(2)::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreException.class);
        assertThat(inserts.get(3).join()).isEqualTo(1);
        assertThat(writer.submit(this::values, 0).join()).containsExactly(1, 2, 3);
    }

    @Test
    void rejectsWorkBeyondThePendingBoundWithoutBlocking() {
        CompletableFuture<Integer> tooBig = writer.submit(() -> 1, GroupCommitWriter.MAX_PENDING_BYTES);

        assertThatThrownBy(tooBig::join).hasCauseInstanceOf(RejectedExecutionException.class);
        assertThat(writer.submit(() -> 2, 0).join()).isEqualTo(2);
    }

    @Test
    void refusesToBeClosedFromItsOwnThread() {
        CompletableFuture<Void> closing = writer.submit(() -> {
            writer.close();
            return null;
        }, 0);

        assertThatThrownBy(closing::join).hasCauseInstanceOf(IllegalStateException.class);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int insert(int v) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
            s.setInt(1, v);
            return s.executeUpdate();
        }
    }

    private List<Integer> values() throws SQLException {
        List<Integer> values = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t ORDER BY v")) {
            while (rs.next()) {
                values.add(rs.getInt(1));
            }
        }
        return values;
    }
}
