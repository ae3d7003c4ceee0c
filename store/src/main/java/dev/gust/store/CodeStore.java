package dev.gust.store;

import dev.gust.core.CodePackage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Deployment packages, content-addressed by SHA-256, each kept as the original zip and unpacked once into a
 * read-only directory that sandboxes mount at {@code /var/task}.
 *
 * <p>Thread-safe. A zip is hostile until proven otherwise: {@link #store} rejects entries that escape the
 * root, absolute paths, links pointing outside, zip bombs and corrupt archives with
 * {@code InvalidParameterValueException} and writes nothing outside its own temporary folder.
 */
public interface CodeStore {

    /**
     * Validates, stores and unpacks a zip. Storing the same bytes twice is cheap and returns the same package.
     * When this returns, the zip and its unpacked tree are durable.
     *
     * @throws dev.gust.core.LambdaException InvalidParameterValueException for an unsafe or corrupt zip
     */
    CodePackage store(byte[] zip);

    /** The stored zip of a package, for download. */
    Path zipFile(String sha256Hex);

    /** The read-only unpacked tree of a package. */
    Path taskRoot(String sha256Hex);

    /**
     * The read-only directory that sandboxes mount at {@code /opt} for a function with these layers: the layers'
     * unpacked trees merged in order, a later layer's files replacing an earlier layer's at the same path (as
     * Lambda extracts them one after the other). One layer's is its own tree; the merge of several is built on
     * first use and reused while all of them are stored.
     *
     * @param layerSha256Hexes the layers' packages, earliest first; each must be stored
     */
    Path optRoot(List<String> layerSha256Hexes);

    /** Sum of the zipped sizes of all stored packages, in bytes. */
    long totalCodeSize();

    /**
     * Deletes every package not in {@code live}. Called at startup (to drop packages orphaned by a crash
     * between {@link #store} and the metadata write) and after a function is deleted or its code replaced.
     */
    void retainOnly(Set<String> live);
}
