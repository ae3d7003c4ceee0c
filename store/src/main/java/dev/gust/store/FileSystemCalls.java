package dev.gust.store;

import dev.gust.core.LambdaException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * File-system calls made while unpacking a zip, with their failures sorted: a path that already exists is the
 * zip's fault (two entries for one path, or a file where a directory is needed), anything else is the
 * storage's. Stateless.
 */
final class FileSystemCalls {

    private FileSystemCalls() {
    }

    static void createDirectories(Path dir, String entryName) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw conflict(entryName);
        } catch (IOException e) {
            throw new StoreException("Cannot create " + dir, e);
        }
    }

    static void createSymbolicLink(Path link, String target, String entryName) {
        try {
            Files.createSymbolicLink(link, Path.of(target));
        } catch (FileAlreadyExistsException e) {
            throw conflict(entryName);
        } catch (IOException e) {
            throw new StoreException("Cannot create " + link, e);
        }
    }

    static LambdaException conflict(String entryName) {
        return ZipEntryNames.invalid(entryName, "collides with another entry of the same path");
    }
}
