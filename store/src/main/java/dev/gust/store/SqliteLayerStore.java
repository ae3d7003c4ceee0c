package dev.gust.store;

import dev.gust.core.Account;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.CodePackage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded {@link LayerStore}: tables {@code layers} (the version counter of each layer name) and
 * {@code layer_versions} (one row per existing version) in {@code <dataDir>/gust.db}.
 *
 * <p>Each instance is a view of one namespace (the key columns {@code account_id} and {@code region}); {@link #in}
 * gives another namespace's view on the same connection.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is one statement or one
 * transaction, durable when it returns. Usable until {@link #close()}; afterwards every method throws
 * {@link IllegalStateException}.
 */
public final class SqliteLayerStore implements LayerStore {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<LayerPermission>> STATEMENTS = new TypeReference<>() { };
    private static final String COLUMNS = "name, version, description, compatible_runtimes, compatible_architectures, "
            + "license_info, code_sha256, code_size, unzipped_size, created_date, policy_json, policy_revision_id";

    private final LockedConnection db;
    private final NamespaceColumns namespace;
    private final boolean ownsConnection;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}; bound to {@link Account#defaults()}. */
    public SqliteLayerStore(Path dataDir) {
        this(new LockedConnection(dataDir, "layer store"), Account.defaults(), true);
    }

    private SqliteLayerStore(LockedConnection db, Account namespace, boolean ownsConnection) {
        this.db = db;
        this.namespace = new NamespaceColumns(namespace);
        this.ownsConnection = ownsConnection;
    }

    @Override
    public SqliteLayerStore in(Account other) {
        return new SqliteLayerStore(db, other, false);
    }

    @Override
    public LayerVersion publish(Draft draft) {
        return db.run(c -> {
            c.setAutoCommit(false);
            try {
                long version = nextVersion(c, draft.layerName());
                LayerVersion stored = new LayerVersion(draft.layerName(), version,
                        draft.description() == null ? "" : draft.description(), draft.compatibleRuntimes(),
                        draft.compatibleArchitectures(), draft.licenseInfo(), draft.code(), draft.createdDate(),
                        Optional.empty());
                insert(c, stored);
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    private long nextVersion(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO layers (name, latest_version, "
                + NamespaceColumns.NAMES + ") VALUES (?, 1, ?, ?) ON CONFLICT DO UPDATE "
                + "SET latest_version = latest_version + 1 RETURNING latest_version")) {
            s.setString(1, name);
            try (ResultSet rs = namespace.bindLast(s).executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void insert(Connection c, LayerVersion v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO layer_versions (" + COLUMNS + ", "
                + NamespaceColumns.NAMES + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)")) {
            s.setString(1, v.layerName());
            s.setLong(2, v.version());
            s.setString(3, v.description());
            s.setString(4, json(v.compatibleRuntimes()));
            s.setString(5, json(v.compatibleArchitectures()));
            s.setString(6, v.licenseInfo());
            s.setString(7, v.code().sha256Hex());
            s.setLong(8, v.code().size());
            s.setLong(9, v.code().unzippedSize());
            s.setString(10, v.createdDate().toString());
            namespace.bindLast(s).executeUpdate();
        }
    }

    @Override
    public Optional<LayerVersion> find(String layerName, long version) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM layer_versions WHERE name = ? AND version = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, layerName);
                s.setLong(2, version);
                return versions(namespace.bindLast(s)).stream().findFirst();
            }
        });
    }

    @Override
    public List<LayerVersion> versions(String layerName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM layer_versions WHERE name = ? AND " + NamespaceColumns.MATCH + " ORDER BY version DESC")) {
                s.setString(1, layerName);
                return versions(namespace.bindLast(s));
            }
        });
    }

    @Override
    public List<LayerVersion> latestVersions() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM layer_versions v "
                    + "WHERE version = (SELECT max(version) FROM layer_versions w WHERE w.name = v.name "
                    + "AND w.account_id = v.account_id AND w.region = v.region) AND " + NamespaceColumns.MATCH
                    + " ORDER BY name")) {
                return versions(namespace.bindLast(s));
            }
        });
    }

    @Override
    public boolean delete(String layerName, long version) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM layer_versions WHERE name = ? AND version = ? AND "
                    + NamespaceColumns.MATCH)) {
                s.setString(1, layerName);
                s.setLong(2, version);
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    @Override
    public PolicyOutcome replacePolicy(String layerName, long version, String expectedRevisionId,
            Optional<LayerPolicy> policy) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE layer_versions SET policy_json = ?, "
                    + "policy_revision_id = ? WHERE name = ? AND version = ? AND policy_revision_id IS ? AND "
                    + NamespaceColumns.MATCH)) {
                s.setString(1, policy.map(p -> json(p.statements())).orElse(null));
                s.setString(2, policy.map(LayerPolicy::revisionId).orElse(null));
                s.setString(3, layerName);
                s.setLong(4, version);
                s.setString(5, expectedRevisionId);
                if (namespace.bindLast(s).executeUpdate() == 1) {
                    return PolicyOutcome.REPLACED;
                }
            }
            // Autocommit: the row may change between the statements, but a row that vanished was deleted anyway.
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM layer_versions WHERE name = ? AND version = ? "
                    + "AND " + NamespaceColumns.MATCH)) {
                s.setString(1, layerName);
                s.setLong(2, version);
                try (ResultSet rs = namespace.bindLast(s).executeQuery()) {
                    return rs.next() ? PolicyOutcome.REVISION_MISMATCH : PolicyOutcome.NOT_FOUND;
                }
            }
        });
    }

    @Override
    public Set<String> referencedPackages() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT code_sha256 FROM layer_versions");
                    ResultSet rs = s.executeQuery()) {
                Set<String> hashes = new HashSet<>();
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
                return Set.copyOf(hashes);
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

    private static List<LayerVersion> versions(PreparedStatement s) throws SQLException {
        List<LayerVersion> versions = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String policyJson = rs.getString(11);
                Optional<LayerPolicy> policy = policyJson == null ? Optional.empty()
                        : Optional.of(new LayerPolicy(rs.getString(12), read(policyJson, STATEMENTS)));
                versions.add(new LayerVersion(rs.getString(1), rs.getLong(2), rs.getString(3),
                        read(rs.getString(4), STRINGS), read(rs.getString(5), STRINGS), rs.getString(6),
                        new CodePackage(rs.getString(7), rs.getLong(8), rs.getLong(9)), Instant.parse(rs.getString(10)),
                        policy));
            }
        }
        return versions;
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot write JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("Stored JSON is corrupt", e);
        }
    }
}
