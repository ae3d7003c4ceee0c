package dev.gust.store;

import dev.gust.core.Account;
import dev.gust.core.CodePackage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable metadata of layers and their versions, keyed by layer name and version number.
 *
 * <p>Version numbers of a layer start at 1 and are never reused, not even after every version was deleted.
 * Implementations are thread-safe; every method is atomic and durable when it returns. Implementations must
 * pass {@code LayerStoreContract}.
 */
public interface LayerStore extends AutoCloseable {

    /**
     * The view of this store in {@code namespace} (an account and a region): what it reads and writes is that
     * namespace's. It shares this store's resources; closing it does nothing.
     */
    LayerStore in(Account namespace);

    /** What PublishLayerVersion stores; the store assigns the version number. */
    record Draft(String layerName, String description, List<String> compatibleRuntimes,
            List<String> compatibleArchitectures, String licenseInfo, CodePackage code, Instant createdDate) {
    }

    /** The outcome of a compare-and-set {@link #replacePolicy}. */
    enum PolicyOutcome { REPLACED, NOT_FOUND, REVISION_MISMATCH }

    /** Stores a new version of {@code draft.layerName()}, numbered one above the highest number ever used. */
    LayerVersion publish(Draft draft);

    Optional<LayerVersion> find(String layerName, long version);

    /** Every existing version of a layer, newest first; empty if there is none. */
    List<LayerVersion> versions(String layerName);

    /** The newest existing version of every layer of this namespace that has one, in ascending layer name order. */
    List<LayerVersion> latestVersions();

    /** Deletes one version; {@code false} if it did not exist. Its number stays used. */
    boolean delete(String layerName, long version);

    /**
     * Replaces a version's policy if its current policy has revision id {@code expectedRevisionId}, or has no policy
     * when that is {@code null}: the caller passes the revision it read, so concurrent changes never get lost.
     *
     * @param policy the new policy; empty removes it
     */
    PolicyOutcome replacePolicy(String layerName, long version, String expectedRevisionId, Optional<LayerPolicy> policy);

    /** The {@code sha256Hex} of every code package that an existing layer version references, in every namespace. */
    Set<String> referencedPackages();

    @Override
    void close();
}
