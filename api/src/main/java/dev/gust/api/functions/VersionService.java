package dev.gust.api.functions;

import dev.gust.core.Account;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.FunctionReference;
import dev.gust.core.FunctionState;
import dev.gust.core.LambdaException;
import dev.gust.core.LastUpdateStatus;
import dev.gust.core.RuntimeAvailability;
import dev.gust.core.ValidationErrors;
import dev.gust.store.FunctionRecord;
import dev.gust.store.FunctionStore;
import dev.gust.store.VersionStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Published versions: PublishVersion, ListVersionsByFunction and the lookup of a qualified function, with Lambda's
 * rules. A version is an immutable copy of {@code $LATEST}; publishing when {@code $LATEST} has not changed since
 * the last publication returns that version instead of a new one.
 *
 * <p>Thread-safe; calls block on storage, so run them on worker threads.
 */
public final class VersionService {

    private static final int MAX_CAS_ATTEMPTS = 16;

    private final Account account;
    private final FunctionStore functions;
    private final VersionStore versions;
    private final InstantSource clock;

    private final RuntimeAvailability runtimes;

    VersionService(Account account, FunctionStore functions, VersionStore versions, InstantSource clock,
            RuntimeAvailability runtimes) {
        this.runtimes = runtimes;
        this.account = account;
        this.functions = functions;
        this.versions = versions;
        this.clock = clock;
    }

    /** Which interpreters run which runtimes, for the configurations this service returns. */
    RuntimeAvailability runtimes() {
        return runtimes;
    }

    Account account() {
        return account;
    }

    /** PublishVersion. */
    FunctionConfiguration publish(String functionName, WireTypes.PublishVersionRequest request) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        new ValidationErrors().requireMaxLength(request.description(), "description", 256).throwIfAny();
        if (request.publishTo() != null) {
            throw LambdaException.invalidParameterValue("PublishTo is not supported by Gust.");
        }
        String name = reference.name();
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            FunctionRecord current = require(name);
            if (request.revisionId() != null && !request.revisionId().equals(current.revisionId())) {
                throw LambdaException.revisionIdMismatch();
            }
            String sha = current.configuration().code().codeSha256();
            if (request.codeSha256() != null && !request.codeSha256().equals(sha)) {
                throw LambdaException.invalidParameterValue("CodeSHA256 (" + request.codeSha256() + ") is different "
                        + "from current CodeSHA256 in $LATEST (" + sha + "). Please try again with the CodeSHA256 in "
                        + "$LATEST.");
            }
            Optional<FunctionConfiguration> published = publish(current.configuration(), request.description(), true);
            if (published.isPresent()) {
                return published.get();
            }
        }
        throw LambdaException.updateInProgress(account.functionArn(name));
    }

    /** {@code Publish: true} of CreateFunction: version 1 of the function just created, {@code $LATEST} untouched. */
    FunctionConfiguration publishCreated(FunctionConfiguration created) {
        return publish(created, null, false).orElseThrow(() ->
                LambdaException.updateInProgress(account.functionArn(created.functionName())));
    }

    /** {@code Publish: true} of UpdateFunctionCode: publishes {@code $LATEST} as it is now. */
    FunctionConfiguration publishLatest(String name) {
        return publish(name, new WireTypes.PublishVersionRequest(null, null, null, null));
    }

    /**
     * Publishes {@code current} unless it is what the last publication left; empty when {@code $LATEST} changed
     * meanwhile (try again).
     */
    private Optional<FunctionConfiguration> publish(FunctionConfiguration current, String description,
            boolean newLatestRevision) {
        Optional<FunctionConfiguration> unchanged = versions.publishedFrom(current.functionName(), current.revisionId());
        if (unchanged.isPresent()) {
            return unchanged;
        }
        FunctionConfiguration version = current.toBuilder()
                .description(description != null ? description : current.description())
                .lastModified(clock.instant())
                .revisionId(newRevisionId())
                .state(FunctionState.Active).stateReason(null).stateReasonCode(null)
                .lastUpdateStatus(LastUpdateStatus.Successful).lastUpdateStatusReason(null)
                .lastUpdateStatusReasonCode(null)
                .build();
        FunctionConfiguration latest = newLatestRevision ? current.toBuilder().revisionId(newRevisionId()).build()
                : current;
        VersionStore.Publication publication = versions.publish(latest, current.revisionId(), version);
        return switch (publication.outcome()) {
            case REPLACED -> publication.version();
            case NOT_FOUND -> throw LambdaException.functionNotFound(account.functionArn(current.functionName()));
            case REVISION_MISMATCH -> Optional.empty();
        };
    }

    /**
     * One page of ListVersionsByFunction: {@code $LATEST} first, then the published versions in number order.
     * The marker is the last version on the previous page.
     */
    VersionPage list(String functionName, String marker, int maxItems) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        FunctionRecord latest = require(reference.name());
        List<FunctionConfiguration> page = new ArrayList<>();
        long after;
        if (marker == null || marker.isEmpty()) {
            page.add(latest.configuration());
            after = 0;
        } else if (marker.equals(FunctionConfiguration.LATEST)) {
            after = 0;
        } else if (QualifierRules.isNumber(marker)) {
            after = Long.parseLong(marker);
        } else {
            throw LambdaException.invalidParameterValue("Invalid Marker: " + marker);
        }
        int wanted = maxItems - page.size();
        List<FunctionConfiguration> published = versions.versions(reference.name(), after, wanted + 1);
        boolean more = published.size() > wanted;
        page.addAll(more ? published.subList(0, wanted) : published);
        return new VersionPage(page, more ? Optional.of(page.getLast().version()) : Optional.empty());
    }

    /** A page of versions as ListVersionsByFunction returns it. */
    record VersionPage(List<FunctionConfiguration> versions, Optional<String> nextMarker) {
    }

    /**
     * The configuration a qualified function name refers to: a published version, or the version an alias points
     * at ({@code $LATEST} included), whose {@code Version} it reports.
     */
    Optional<FunctionConfiguration> find(FunctionRecord latest, String qualifier) {
        String name = latest.functionName();
        if (qualifier.equals(FunctionConfiguration.LATEST)) {
            return Optional.of(latest.configuration());
        }
        if (QualifierRules.isNumber(qualifier)) {
            return versions.findVersion(name, qualifier);
        }
        return versions.findAlias(name, qualifier).flatMap(alias -> alias.functionVersion()
                .equals(FunctionConfiguration.LATEST) ? Optional.of(latest.configuration())
                : versions.findVersion(name, alias.functionVersion()));
    }

    private FunctionRecord require(String name) {
        return functions.find(name).orElseThrow(() -> LambdaException.functionNotFound(account.functionArn(name)));
    }

    static String newRevisionId() {
        return UUID.randomUUID().toString();
    }
}
