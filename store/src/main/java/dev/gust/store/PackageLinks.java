package dev.gust.store;

import dev.gust.core.LambdaException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The symbolic links of one package being unpacked, created after all other entries and then verified.
 *
 * <p>Links are kept as links (Lambda keeps them too), provided each one resolves, through any chain of other
 * links, to an existing file or directory inside the package. A link with an absolute target, a target outside
 * the package, a missing target or a loop is rejected. The check resolves the real path instead of reasoning
 * about the target text, because {@code ..} after a link climbs from where the link points, not from where it
 * is. Creation order keeps every write inside the root: all parent directories are made before the first link
 * exists, and a link whose path is already a directory is a collision, so no link is ever traversed while
 * writing. Not thread-safe; one instance per extraction.
 */
final class PackageLinks {

    /** Longest accepted link target, in bytes (Linux's PATH_MAX). */
    static final int MAX_TARGET_BYTES = 4096;

    private record Link(String entryName, Path path, String target) {
    }

    private final Path root;
    private final Map<Path, Link> links = new LinkedHashMap<>();

    PackageLinks(Path root) {
        this.root = root;
    }

    void add(String entryName, Path path, String target) {
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw ZipEntryNames.invalid(entryName, "is a symbolic link with an empty or malformed target");
        }
        if (target.startsWith("/") || !path.getParent().resolve(target).normalize().startsWith(root)) {
            throw outside(entryName);
        }
        if (path.equals(root) || links.putIfAbsent(path, new Link(entryName, path, target)) != null) {
            throw FileSystemCalls.conflict(entryName);
        }
    }

    /** Creates every link, then rejects the package if any of them does not resolve inside it. */
    void create() {
        links.values().forEach(l -> FileSystemCalls.createDirectories(l.path().getParent(), l.entryName()));
        links.values().forEach(l -> FileSystemCalls.createSymbolicLink(l.path(), l.target(), l.entryName()));
        Path realRoot = realPath(root, "");
        for (Link link : links.values()) {
            if (!realPath(link.path(), link.entryName()).startsWith(realRoot)) {
                throw outside(link.entryName());
            }
        }
    }

    private static LambdaException outside(String entryName) {
        return ZipEntryNames.invalid(entryName, "is a symbolic link that points outside the package");
    }

    private static Path realPath(Path path, String entryName) {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            throw ZipEntryNames.invalid(entryName, "is a symbolic link to a missing file");
        } catch (FileSystemException e) {
            throw ZipEntryNames.invalid(entryName, "is a symbolic link that cannot be resolved (a loop?)");
        } catch (IOException e) {
            throw new StoreException("Cannot resolve " + path, e);
        }
    }
}
