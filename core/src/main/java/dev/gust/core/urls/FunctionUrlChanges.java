package dev.gust.core.urls;

/**
 * The seam through which the control plane tells the data plane of function URLs that a URL was created, changed or
 * deleted, after the change is durable; the data plane keeps every URL in memory from these. Implementations are
 * thread-safe and never block.
 */
public interface FunctionUrlChanges {

    /** {@code config} was created or changed. */
    void put(FunctionUrlConfig config);

    /** The URL {@code urlId} was deleted. */
    void removed(String urlId);
}
