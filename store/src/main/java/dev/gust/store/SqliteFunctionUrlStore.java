package dev.gust.store;

import dev.gust.core.Account;
import dev.gust.core.urls.FunctionUrlConfig;
import dev.gust.core.urls.UrlCors;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded {@link FunctionUrlStore}: table {@code function_urls} in {@code <dataDir>/gust.db}, one row per
 * function or alias with a URL; the {@code Cors} member is kept as JSON.
 *
 * <p>Each instance is a view of one namespace (the key columns {@code account_id} and {@code region}); {@link #in}
 * gives another namespace's view on the same connection.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is durable when it returns.
 * Usable until {@link #close()}; afterwards every method throws {@link IllegalStateException}.
 */
public final class SqliteFunctionUrlStore implements FunctionUrlStore {

    private static final String COLUMNS = "SELECT account_id, region, function_name, qualifier, url_id, auth_type, "
            + "cors, invoke_mode, creation_time, last_modified FROM function_urls ";

    private final LockedConnection db;
    private final NamespaceColumns namespace;
    private final boolean ownsConnection;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}; bound to the default namespace. */
    public SqliteFunctionUrlStore(Path dataDir) {
        this(new LockedConnection(dataDir, "function URL store"), Account.defaults(), true);
    }

    private SqliteFunctionUrlStore(LockedConnection db, Account namespace, boolean ownsConnection) {
        this.db = db;
        this.namespace = new NamespaceColumns(namespace);
        this.ownsConnection = ownsConnection;
    }

    @Override
    public SqliteFunctionUrlStore in(Account other) {
        return new SqliteFunctionUrlStore(db, other, false);
    }

    @Override
    public boolean create(FunctionUrlConfig config) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO function_urls (function_name, qualifier, "
                    + "url_id, auth_type, cors, invoke_mode, creation_time, last_modified, " + NamespaceColumns.NAMES
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, region, function_name, "
                    + "qualifier) DO NOTHING")) {
                bindSettings(s, config);
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean update(FunctionUrlConfig config) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE function_urls SET function_name = ?, qualifier = ?, "
                    + "url_id = ?, auth_type = ?, cors = ?, invoke_mode = ?, creation_time = ?, last_modified = ? "
                    + "WHERE function_name = ? AND qualifier = ? AND " + NamespaceColumns.MATCH)) {
                bindSettings(s, config);
                s.setString(9, config.functionName());
                s.setString(10, config.qualifier());
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    private static void bindSettings(PreparedStatement s, FunctionUrlConfig config) throws SQLException {
        s.setString(1, config.functionName());
        s.setString(2, config.qualifier());
        s.setString(3, config.urlId());
        s.setString(4, config.authType());
        s.setString(5, config.cors() == null ? null : EntityJson.write(config.cors()));
        s.setString(6, config.invokeMode());
        s.setLong(7, config.creationTime().toEpochMilli());
        s.setLong(8, config.lastModifiedTime().toEpochMilli());
    }

    @Override
    public Optional<FunctionUrlConfig> find(String functionName, String qualifier) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE function_name = ? AND qualifier = ? AND "
                    + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setString(2, qualifier);
                return read(namespace.bindLast(s)).stream().findFirst();
            }
        });
    }

    @Override
    public Optional<FunctionUrlConfig> delete(String functionName, String qualifier) {
        return db.transaction(c -> {
            Optional<FunctionUrlConfig> found;
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE function_name = ? AND qualifier = ? AND "
                    + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setString(2, qualifier);
                found = read(namespace.bindLast(s)).stream().findFirst();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM function_urls WHERE function_name = ? AND "
                    + "qualifier = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setString(2, qualifier);
                namespace.bindLast(s).executeUpdate();
            }
            return found;
        });
    }

    @Override
    public List<FunctionUrlConfig> deleteFunction(String functionName) {
        return db.transaction(c -> {
            List<FunctionUrlConfig> found;
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE function_name = ? AND "
                    + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                found = read(namespace.bindLast(s));
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM function_urls WHERE function_name = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                namespace.bindLast(s).executeUpdate();
            }
            return found;
        });
    }

    @Override
    public List<FunctionUrlConfig> list(String functionName, String marker, int maxItems) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE function_name = ? AND qualifier > ? AND "
                    + NamespaceColumns.MATCH + " ORDER BY qualifier LIMIT ?")) {
                s.setString(1, functionName);
                s.setString(2, marker == null ? "" : marker);
                namespace.bind(s, 3);
                s.setInt(5, maxItems);
                return read(s);
            }
        });
    }

    @Override
    public List<FunctionUrlConfig> everywhere() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "ORDER BY account_id, region, function_name, "
                    + "qualifier")) {
                return read(s);
            }
        });
    }

    private static List<FunctionUrlConfig> read(PreparedStatement statement) throws SQLException {
        List<FunctionUrlConfig> configs = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String cors = rs.getString(7);
                configs.add(new FunctionUrlConfig(new Account(rs.getString(1), rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6),
                        cors == null ? null : EntityJson.read(cors, UrlCors.class), rs.getString(8),
                        Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10))));
            }
        }
        return configs;
    }

    /** Closes the connection if this store opened it; a view from {@link #in} leaves it to its store. */
    @Override
    public void close() {
        if (ownsConnection) {
            db.close();
        }
    }
}
