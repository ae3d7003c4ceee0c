package dev.gust.store;

import dev.gust.core.Account;
import dev.gust.core.Alias;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.VersionWeight;
import dev.gust.store.FunctionStore.ReplaceOutcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded {@link VersionStore}: tables {@code function_versions} and {@code function_aliases} in
 * {@code <dataDir>/gust.db}, next to {@code functions}, whose {@code last_published} column numbers versions.
 *
 * <p>Each instance is a view of one namespace (the key columns {@code account_id} and {@code region}); {@link #in}
 * gives another namespace's view on the same connection.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is one statement or one
 * transaction, durable when it returns. Alias list markers are the last alias name returned. Usable until
 * {@link #close()}; afterwards every method throws {@link IllegalStateException}.
 */
public final class SqliteVersionStore implements VersionStore {

    private static final String ALIAS_COLUMNS = "function_name, name, function_version, description, "
            + "additional_version, additional_weight, revision_id";

    private final LockedConnection db;
    private final NamespaceColumns namespace;
    private final boolean ownsConnection;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}; bound to {@link Account#defaults()}. */
    public SqliteVersionStore(Path dataDir) {
        this(new LockedConnection(dataDir, "version store"), Account.defaults(), true);
    }

    private SqliteVersionStore(LockedConnection db, Account namespace, boolean ownsConnection) {
        this.db = db;
        this.namespace = new NamespaceColumns(namespace);
        this.ownsConnection = ownsConnection;
    }

    @Override
    public SqliteVersionStore in(Account other) {
        return new SqliteVersionStore(db, other, false);
    }

    @Override
    public Publication publish(FunctionConfiguration latest, String expectedRevisionId,
            FunctionConfiguration version) {
        return db.transaction(c -> {
            long number;
            try (PreparedStatement s = c.prepareStatement("UPDATE functions SET last_published = last_published + 1, "
                    + "revision_id = ?, config_json = ? WHERE name = ? AND revision_id = ? AND " + NamespaceColumns.MATCH
                    + " RETURNING last_published")) {
                s.setString(1, latest.revisionId());
                s.setString(2, ConfigurationJson.write(latest, db.seal()));
                s.setString(3, latest.functionName());
                s.setString(4, expectedRevisionId);
                try (ResultSet rs = namespace.bindLast(s).executeQuery()) {
                    if (!rs.next()) {
                        return new Publication(exists(c, latest.functionName())
                                ? ReplaceOutcome.REVISION_MISMATCH : ReplaceOutcome.NOT_FOUND, Optional.empty());
                    }
                    number = rs.getLong(1);
                }
            }
            FunctionConfiguration published = version.toBuilder().version(Long.toString(number)).build();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO function_versions (function_name, version, "
                    + "code_sha256, config_json, latest_revision_id, " + NamespaceColumns.NAMES
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, published.functionName());
                s.setLong(2, number);
                s.setString(3, published.code() == null ? null : published.code().sha256Hex());
                s.setString(4, ConfigurationJson.write(published, db.seal()));
                s.setString(5, latest.revisionId());
                namespace.bindLast(s).executeUpdate();
            }
            return new Publication(ReplaceOutcome.REPLACED, Optional.of(published));
        });
    }

    @Override
    public Optional<FunctionConfiguration> findVersion(String functionName, String version) {
        Optional<Long> number = number(version);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT config_json FROM function_versions WHERE function_name = ? AND version = ? AND "
                            + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setLong(2, number.get());
                return configurations(namespace.bindLast(s), db.seal()).stream().findFirst();
            }
        });
    }

    @Override
    public Optional<FunctionConfiguration> publishedFrom(String functionName, String latestRevisionId) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT config_json FROM function_versions "
                    + "WHERE function_name = ? AND latest_revision_id = ? AND " + NamespaceColumns.MATCH
                    + " ORDER BY version DESC LIMIT 1")) {
                s.setString(1, functionName);
                s.setString(2, latestRevisionId);
                return configurations(namespace.bindLast(s), db.seal()).stream().findFirst();
            }
        });
    }

    @Override
    public void carryPublication(String functionName, String fromRevisionId, String toRevisionId) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE function_versions SET latest_revision_id = ? "
                    + "WHERE function_name = ? AND latest_revision_id = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, toRevisionId);
                s.setString(2, functionName);
                s.setString(3, fromRevisionId);
                return namespace.bindLast(s).executeUpdate();
            }
        });
    }

    @Override
    public List<FunctionConfiguration> versions(String functionName, long after, int limit) {
        if (limit < 1 || limit > 10_001) {
            throw new IllegalArgumentException("limit must be 1..10001: " + limit);
        }
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT config_json FROM function_versions "
                    + "WHERE " + NamespaceColumns.MATCH + " AND function_name = ? AND version > ? ORDER BY version LIMIT ?")) {
                namespace.bind(s, 1);
                s.setString(3, functionName);
                s.setLong(4, after);
                s.setInt(5, limit);
                return configurations(s, db.seal());
            }
        });
    }

    @Override
    public VersionDeletion deleteVersion(String functionName, String version) {
        Optional<Long> number = number(version);
        if (number.isEmpty()) {
            return new VersionDeletion(false, List.of());
        }
        return db.transaction(c -> {
            List<String> referencing = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name FROM function_aliases WHERE function_name = ? "
                    + "AND (function_version = ? OR additional_version = ?) AND " + NamespaceColumns.MATCH
                    + " ORDER BY name")) {
                s.setString(1, functionName);
                s.setString(2, version);
                s.setString(3, version);
                try (ResultSet rs = namespace.bindLast(s).executeQuery()) {
                    while (rs.next()) {
                        referencing.add(rs.getString(1));
                    }
                }
            }
            if (!referencing.isEmpty()) {
                return new VersionDeletion(false, referencing);
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM function_versions WHERE function_name = ? AND version = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setLong(2, number.get());
                return new VersionDeletion(namespace.bindLast(s).executeUpdate() == 1, List.of());
            }
        });
    }

    @Override
    public AliasWrite createAlias(Alias alias) {
        return db.transaction(c -> {
            if (!exists(c, alias.functionName())) {
                return AliasWrite.NOT_FOUND;
            }
            if (!versionsExist(c, alias)) {
                return AliasWrite.VERSION_NOT_FOUND;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO function_aliases (" + ALIAS_COLUMNS + ", "
                    + NamespaceColumns.NAMES + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                bindAlias(s, alias);
                return namespace.bindLast(s).executeUpdate() == 1 ? AliasWrite.WRITTEN : AliasWrite.ALREADY_EXISTS;
            }
        });
    }

    @Override
    public Optional<Alias> findAlias(String functionName, String aliasName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + ALIAS_COLUMNS
                    + " FROM function_aliases WHERE function_name = ? AND name = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setString(2, aliasName);
                return aliases(namespace.bindLast(s)).stream().findFirst();
            }
        });
    }

    @Override
    public AliasWrite replaceAlias(Alias updated, String expectedRevisionId) {
        return db.transaction(c -> {
            Optional<Alias> current;
            try (PreparedStatement s = c.prepareStatement("SELECT " + ALIAS_COLUMNS
                    + " FROM function_aliases WHERE function_name = ? AND name = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, updated.functionName());
                s.setString(2, updated.name());
                current = aliases(namespace.bindLast(s)).stream().findFirst();
            }
            if (current.isEmpty()) {
                return AliasWrite.NOT_FOUND;
            }
            if (!current.get().revisionId().equals(expectedRevisionId)) {
                return AliasWrite.REVISION_MISMATCH;
            }
            if (!versionsExist(c, updated)) {
                return AliasWrite.VERSION_NOT_FOUND;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE function_aliases SET function_version = ?, "
                    + "description = ?, additional_version = ?, additional_weight = ?, revision_id = ? "
                    + "WHERE function_name = ? AND name = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, updated.functionVersion());
                s.setString(2, updated.description());
                bindRouting(s, 3, updated);
                s.setString(5, updated.revisionId());
                s.setString(6, updated.functionName());
                s.setString(7, updated.name());
                namespace.bindLast(s).executeUpdate();
                return AliasWrite.WRITTEN;
            }
        });
    }

    @Override
    public boolean deleteAlias(String functionName, String aliasName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM function_aliases WHERE function_name = ? AND name = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setString(2, aliasName);
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    @Override
    public AliasPage listAliases(String functionName, String functionVersion, String marker, int maxItems) {
        if (maxItems < 1 || maxItems > 10_000) {
            throw new IllegalArgumentException("maxItems must be 1..10000: " + maxItems);
        }
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + ALIAS_COLUMNS + " FROM function_aliases "
                    + "WHERE " + NamespaceColumns.MATCH + " AND function_name = ? AND name > ? "
                    + "AND (? IS NULL OR function_version = ?) ORDER BY name LIMIT ?")) {
                namespace.bind(s, 1);
                s.setString(3, functionName);
                s.setString(4, marker == null ? "" : marker);
                s.setString(5, functionVersion);
                s.setString(6, functionVersion);
                s.setInt(7, maxItems + 1);
                List<Alias> found = aliases(s);
                if (found.size() <= maxItems) {
                    return new AliasPage(found, Optional.empty());
                }
                List<Alias> page = found.subList(0, maxItems);
                return new AliasPage(page, Optional.of(page.getLast().name()));
            }
        });
    }

    /** Closes the connection if this store opened it; a view from {@link #in} leaves it to its store. */
    @Override
    public void close() {
        if (ownsConnection) {
            db.close();
        }
    }

    /** A published version's number, or empty for {@code $LATEST} and anything else that is not one. */
    private static Optional<Long> number(String version) {
        if (version == null || version.isEmpty() || version.length() > 18
                || !version.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(version));
    }

    private boolean exists(Connection c, String functionName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM functions WHERE name = ? AND "
                + NamespaceColumns.MATCH)) {
            s.setString(1, functionName);
            try (ResultSet rs = namespace.bindLast(s).executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether every version {@code alias} routes to exists ({@code $LATEST} always does). */
    private boolean versionsExist(Connection c, Alias alias) throws SQLException {
        List<String> routed = new ArrayList<>();
        routed.add(alias.functionVersion());
        alias.additionalVersion().ifPresent(v -> routed.add(v.version()));
        for (String version : routed) {
            if (version.equals(FunctionConfiguration.LATEST)) {
                continue;
            }
            Optional<Long> number = number(version);
            if (number.isEmpty()) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM function_versions WHERE function_name = ? AND version = ? AND "
                            + NamespaceColumns.MATCH)) {
                s.setString(1, alias.functionName());
                s.setLong(2, number.get());
                try (ResultSet rs = namespace.bindLast(s).executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static void bindAlias(PreparedStatement s, Alias alias) throws SQLException {
        s.setString(1, alias.functionName());
        s.setString(2, alias.name());
        s.setString(3, alias.functionVersion());
        s.setString(4, alias.description());
        bindRouting(s, 5, alias);
        s.setString(7, alias.revisionId());
    }

    private static void bindRouting(PreparedStatement s, int first, Alias alias) throws SQLException {
        if (alias.additionalVersion().isPresent()) {
            s.setString(first, alias.additionalVersion().get().version());
            s.setDouble(first + 1, alias.additionalVersion().get().weight());
        } else {
            s.setNull(first, Types.VARCHAR);
            s.setNull(first + 1, Types.REAL);
        }
    }

    private static List<FunctionConfiguration> configurations(PreparedStatement s, EnvironmentSeal seal)
            throws SQLException {
        List<FunctionConfiguration> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(ConfigurationJson.readConfiguration(rs.getString(1), seal));
            }
        }
        return found;
    }

    private static List<Alias> aliases(PreparedStatement s) throws SQLException {
        List<Alias> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String additional = rs.getString(5);
                Optional<VersionWeight> routing = additional == null ? Optional.empty()
                        : Optional.of(new VersionWeight(additional, rs.getDouble(6)));
                found.add(new Alias(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), routing,
                        rs.getString(7)));
            }
        }
        return found;
    }
}
