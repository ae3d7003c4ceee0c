package dev.gust.store;

import dev.gust.core.LambdaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Turns a zip entry's name into a path inside the extraction root, or rejects the name.
 *
 * <p>Rejected: empty names, NUL characters, backslashes, absolute paths, drive letters, names longer than 255
 * bytes per segment, and names whose {@code ..} segments leave the root. (commons-compress already turns the
 * backslashes of entries written on Windows, which carry no unix mode, into {@code /}; a backslash that is left
 * would become part of a file name here, and is a classic traversal trick.)
 *
 * <p>The check is lexical, which is exact only while the tree holds no symbolic links: {@link ZipPackageReader}
 * therefore creates links after every other entry. Stateless.
 */
final class ZipEntryNames {

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    private static final int MAX_SEGMENT_BYTES = 255;

    private ZipEntryNames() {
    }

    /**
     * The path of entry {@code name} under {@code root} (normalised, absolute like {@code root}); equal to
     * {@code root} only for names such as {@code "./"}.
     */
    static Path resolve(Path root, String name) {
        if (name.isEmpty()) {
            throw invalid(name, "has an empty name");
        }
        if (name.indexOf('\0') >= 0) {
            throw invalid(name, "contains a NUL character");
        }
        if (name.indexOf('\\') >= 0) {
            throw invalid(name, "contains a backslash; use '/' as the path separator");
        }
        if (name.startsWith("/") || DRIVE_LETTER.matcher(name).matches()) {
            throw invalid(name, "is an absolute path");
        }
        for (String segment : name.split("/")) {
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw invalid(name, "has a path segment longer than 255 bytes");
            }
        }
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw invalid(name, "points outside the package");
        }
        return path;
    }

    /** An {@code InvalidParameterValueException} naming the entry. */
    static LambdaException invalid(String name, String problem) {
        String shown = name.length() > 200 ? name.substring(0, 200) + "..." : name;
        return LambdaException.invalidParameterValue("Zip entry '" + shown + "' " + problem + ".");
    }
}
