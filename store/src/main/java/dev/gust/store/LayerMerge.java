package dev.gust.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Merges the unpacked trees of a function's layers into one directory, in order, as Lambda extracts layers one
 * after the other into {@code /opt}: a later layer's file replaces an earlier layer's file, link or directory
 * at the same path; directories are merged.
 *
 * <p>Files are hard links to the packages' read-only files, so a merge costs one {@code link(2)} per file and no
 * data. Symbolic links are copied as links. Nothing is ever written through a symbolic link: a directory of a
 * later layer replaces an earlier layer's link at its path before anything is written below it, so every parent
 * of every written path is a directory this merge created. Stateless.
 */
final class LayerMerge {

    private LayerMerge() {
    }

    /** Merges {@code layers} (unpacked package trees, earliest first) into {@code target}, which must not exist. */
    static void merge(List<Path> layers, Path target) throws IOException {
        Files.createDirectory(target);
        for (Path layer : layers) {
            Files.walkFileTree(layer, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path to = target.resolve(layer.relativize(dir).toString());
                    if (!Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
                        FileTrees.delete(to);
                        Files.createDirectory(to);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path to = target.resolve(layer.relativize(file).toString());
                    FileTrees.delete(to);
                    if (attrs.isSymbolicLink()) {
                        Files.createSymbolicLink(to, Files.readSymbolicLink(file));
                    } else if (attrs.isRegularFile()) {
                        Files.createLink(to, file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        FileTrees.readOnlyDirectories(target);
    }
}
