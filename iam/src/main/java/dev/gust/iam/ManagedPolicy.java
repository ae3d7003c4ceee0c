package dev.gust.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A managed policy: a customer managed one of an account ({@code arn:aws:iam::ACCOUNT:policy/PATH/NAME}) or an
 * AWS-managed one ({@code arn:aws:iam::aws:policy/PATH/NAME}), with up to five versions of which one is the default.
 * Immutable.
 *
 * @param arn its ARN
 * @param name its name (unique in its account, case-insensitively)
 * @param path its path
 * @param id its unique id, {@code ANPA...}
 * @param description its description, or {@code null}
 * @param created ISO-8601 to the second
 * @param updated when its default version last changed
 * @param defaultVersion the id of the version in force
 * @param nextVersion the number the next version gets (numbers are never reused)
 * @param versions its versions, oldest first
 */
record ManagedPolicy(String arn, String name, String path, String id, String description, String created,
        String updated, String defaultVersion, int nextVersion, List<PolicyVersion> versions) {

    /** A managed policy has at most this many versions. */
    static final int MAX_VERSIONS = 5;

    ManagedPolicy {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(defaultVersion, "defaultVersion");
        versions = List.copyOf(versions);
    }

    boolean isAwsManaged() {
        return arn.startsWith("arn:aws:iam::aws:");
    }

    Optional<PolicyVersion> version(String versionId) {
        return versions.stream().filter(v -> v.id().equals(versionId)).findFirst();
    }

    /** The document of the default version. */
    String document() {
        return version(defaultVersion).orElseThrow().document();
    }

    ManagedPolicy withVersion(String document, boolean setAsDefault, String now) {
        List<PolicyVersion> changed = new ArrayList<>(versions);
        String versionId = "v" + nextVersion;
        changed.add(new PolicyVersion(versionId, document, now));
        return new ManagedPolicy(arn, name, path, id, description, created, setAsDefault ? now : updated,
                setAsDefault ? versionId : defaultVersion, nextVersion + 1, changed);
    }

    ManagedPolicy withoutVersion(String versionId) {
        List<PolicyVersion> changed = new ArrayList<>(versions);
        changed.removeIf(v -> v.id().equals(versionId));
        return new ManagedPolicy(arn, name, path, id, description, created, updated, defaultVersion, nextVersion,
                changed);
    }

    ManagedPolicy withDefault(String versionId, String now) {
        return new ManagedPolicy(arn, name, path, id, description, created, now, versionId, nextVersion, versions);
    }
}
