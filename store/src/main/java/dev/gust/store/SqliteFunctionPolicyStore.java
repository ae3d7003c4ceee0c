package dev.gust.store;

import dev.gust.core.Account;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.permissions.FunctionPolicy;
import dev.gust.core.permissions.PolicyStatement;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded {@link FunctionPolicyStore}: table {@code function_policies} in {@code <dataDir>/gust.db}, one row
 * per function, version or alias with a policy, its statements as JSON of the domain records.
 *
 * <p>Each instance is a view of one namespace (the key columns {@code account_id} and {@code region}); {@link #in}
 * gives another namespace's view on the same connection.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is one statement or one
 * transaction, durable when it returns. Usable until {@link #close()}; afterwards every method throws
 * {@link IllegalStateException}.
 */
public final class SqliteFunctionPolicyStore implements FunctionPolicyStore {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<List<PolicyStatement>> STATEMENTS = new TypeReference<>() { };

    private final LockedConnection db;
    private final NamespaceColumns namespace;
    private final boolean ownsConnection;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}; bound to {@link Account#defaults()}. */
    public SqliteFunctionPolicyStore(Path dataDir) {
        this(new LockedConnection(dataDir, "function policy store"), Account.defaults(), true);
    }

    private SqliteFunctionPolicyStore(LockedConnection db, Account namespace, boolean ownsConnection) {
        this.db = db;
        this.namespace = new NamespaceColumns(namespace);
        this.ownsConnection = ownsConnection;
    }

    @Override
    public SqliteFunctionPolicyStore in(Account other) {
        return new SqliteFunctionPolicyStore(db, other, false);
    }

    @Override
    public Optional<FunctionPolicy> find(String functionName, String qualifier) {
        return db.run(c -> read(c, functionName, qualifier));
    }

    @Override
    public Write replace(String functionName, String qualifier, String expectedRevisionId,
            Optional<FunctionPolicy> policy) {
        return db.transaction(c -> {
            String current = read(c, functionName, qualifier).map(FunctionPolicy::revisionId).orElse(null);
            if (!Objects.equals(current, expectedRevisionId)) {
                return Write.REVISION_MISMATCH;
            }
            if (policy.isEmpty()) {
                delete(c, functionName, qualifier);
                return Write.WRITTEN;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO function_policies "
                    + "(function_name, qualifier, revision_id, statements_json, " + NamespaceColumns.NAMES
                    + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, functionName);
                s.setString(2, qualifier);
                s.setString(3, policy.get().revisionId());
                s.setString(4, json(policy.get().statements()));
                namespace.bindLast(s).executeUpdate();
            }
            return Write.WRITTEN;
        });
    }

    @Override
    public boolean delete(String functionName, String qualifier) {
        return db.run(c -> delete(c, functionName, qualifier));
    }

    @Override
    public void deleteFunction(String functionName) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM function_policies WHERE function_name = ? AND "
                    + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                return namespace.bindLast(s).executeUpdate();
            }
        });
    }

    @Override
    public List<Key> keys() {
        return db.run(c -> {
            List<Key> keys = new ArrayList<>();
            try (PreparedStatement s = namespace.bindLast(c.prepareStatement("SELECT function_name, qualifier "
                    + "FROM function_policies WHERE " + NamespaceColumns.MATCH + " ORDER BY function_name, qualifier"));
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(new Key(rs.getString(1), rs.getString(2)));
                }
            }
            return keys;
        });
    }

    private Optional<FunctionPolicy> read(Connection c, String functionName, String qualifier)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT revision_id, statements_json FROM function_policies "
                + "WHERE function_name = ? AND qualifier = ? AND " + NamespaceColumns.MATCH)) {
            s.setString(1, functionName);
            s.setString(2, qualifier);
            try (ResultSet rs = namespace.bindLast(s).executeQuery()) {
                return rs.next() ? Optional.of(new FunctionPolicy(rs.getString(1), statements(rs.getString(2))))
                        : Optional.empty();
            }
        }
    }

    private boolean delete(Connection c, String functionName, String qualifier) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM function_policies WHERE function_name = ? AND qualifier = ? AND " + NamespaceColumns.MATCH)) {
            s.setString(1, functionName);
            s.setString(2, qualifier);
            return namespace.bindLast(s).executeUpdate() == 1;
        }
    }

    private static String json(List<PolicyStatement> statements) {
        try {
            return MAPPER.writeValueAsString(statements);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot serialise a policy", e);
        }
    }

    private static List<PolicyStatement> statements(String json) {
        try {
            return MAPPER.readValue(json, STATEMENTS);
        } catch (JsonProcessingException e) {
            throw new StoreException("Corrupt policy in the database", e);
        }
    }

    /** Closes the connection if this store opened it; a view from {@link #in} leaves it to its store. */
    @Override
    public void close() {
        if (ownsConnection) {
            db.close();
        }
    }
}
