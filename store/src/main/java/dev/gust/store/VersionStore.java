package dev.gust.store;

import dev.gust.core.Account;
import dev.gust.core.Alias;
import dev.gust.core.FunctionConfiguration;
import java.util.List;
import java.util.Optional;

/**
 * Durable published versions and aliases of the functions in a {@link FunctionStore}.
 *
 * <p>A version is numbered {@code 1, 2, ...} per function and never renumbered: a deleted version's number is
 * not given out again. Deleting a function (in the {@link FunctionStore}) deletes its versions and aliases in
 * the same atomic step. Implementations are thread-safe; every method is atomic. Implementations must pass
 * {@code VersionStoreContract}.
 */
public interface VersionStore extends AutoCloseable {

    /**
     * The view of this store in {@code namespace} (an account and a region): what it reads and writes is that
     * namespace's. It shares this store's resources; closing it does nothing.
     */
    VersionStore in(Account namespace);

    /**
     * The outcome of {@link #publish}.
     *
     * @param outcome {@code REPLACED} when the version was published
     * @param version the published version, numbered; present only when published
     */
    record Publication(FunctionStore.ReplaceOutcome outcome, Optional<FunctionConfiguration> version) {
    }

    /**
     * The outcome of {@link #deleteVersion}.
     *
     * @param deleted whether the version existed and is gone
     * @param referencingAliases when not deleted because aliases route to it, their names (in name order)
     */
    record VersionDeletion(boolean deleted, List<String> referencingAliases) {

        public VersionDeletion {
            referencingAliases = List.copyOf(referencingAliases);
        }
    }

    /** The outcome of an alias write. */
    enum AliasWrite {
        WRITTEN,
        /** Create: the function does not exist. Replace: the alias does not exist. */
        NOT_FOUND,
        ALREADY_EXISTS,
        REVISION_MISMATCH,
        /** A version the alias would route to does not exist. */
        VERSION_NOT_FOUND
    }

    /**
     * Publishes a version, numbered one above the highest number the function ever had, if the function's
     * {@code $LATEST} revision id still equals {@code expectedRevisionId}; in the same step {@code $LATEST}'s
     * configuration becomes {@code latest} (publishing gives {@code $LATEST} a new revision id).
     *
     * @param latest the function's new {@code $LATEST} configuration
     * @param version the configuration to publish; its {@code version} is replaced by the number assigned
     */
    Publication publish(FunctionConfiguration latest, String expectedRevisionId, FunctionConfiguration version);

    Optional<FunctionConfiguration> findVersion(String functionName, String version);

    /**
     * The version whose publication gave {@code $LATEST} the revision id {@code latestRevisionId}: present when
     * {@code $LATEST} has not changed since it was published (and the version still exists).
     */
    Optional<FunctionConfiguration> publishedFrom(String functionName, String latestRevisionId);

    /**
     * Records that {@code $LATEST}'s revision {@code toRevisionId} has the same code and configuration as
     * {@code fromRevisionId} (only its resource policy changed), so that the version published from the one counts as
     * published from the other: PublishVersion then returns that version instead of publishing an identical one.
     * Does nothing if no version was published from {@code fromRevisionId}.
     */
    void carryPublication(String functionName, String fromRevisionId, String toRevisionId);

    /**
     * The function's published versions numbered above {@code after}, in ascending number order.
     *
     * @param limit at most this many (1..10001)
     */
    List<FunctionConfiguration> versions(String functionName, long after, int limit);

    /** Deletes a published version unless an alias routes to it. */
    VersionDeletion deleteVersion(String functionName, String version);

    /** Creates an alias of an existing function whose versions exist. */
    AliasWrite createAlias(Alias alias);

    Optional<Alias> findAlias(String functionName, String aliasName);

    /** Replaces an alias if its revision id still equals {@code expectedRevisionId} and its versions exist. */
    AliasWrite replaceAlias(Alias updated, String expectedRevisionId);

    /** Deletes an alias; {@code false} if there was none. */
    boolean deleteAlias(String functionName, String aliasName);

    /**
     * Lists a function's aliases in ascending name order, starting after {@code marker}.
     *
     * @param functionVersion only aliases whose {@code FunctionVersion} is this, or {@code null} for all
     * @param marker the {@link AliasPage#nextMarker()} of the previous page, or {@code null} for the first
     * @param maxItems at most this many aliases (1..10000)
     */
    AliasPage listAliases(String functionName, String functionVersion, String marker, int maxItems);

    @Override
    void close();
}
