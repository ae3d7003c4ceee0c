package dev.gust.store;

import dev.gust.core.LambdaException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * File-system calls made while unpacking a zip, with their failures sorted: a path that already exists is the
 * zip's fault (two entries for one path, or a file where a directory is needed), and so is a path the file system
 * refuses as too long ({@code ENAMETOOLONG}, AWS's "Could not unzip" message, which names no host path); anything
 * else is the storage's. Stateless.
 */
final class FileSystemCalls {

    private FileSystemCalls() {
    }

    static void createDirectories(Path dir, String entryName) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw conflict(entryName);
        } catch (FileSystemException e) {
            throw rejectedName(e, dir);
        } catch (IOException e) {
            throw new StoreException("Cannot create " + dir, e);
        }
    }

    static void createSymbolicLink(Path link, String target, String entryName) {
        try {
            Files.createSymbolicLink(link, Path.of(target));
        } catch (FileAlreadyExistsException e) {
            throw conflict(entryName);
        } catch (FileSystemException e) {
            throw rejectedName(e, link);
        } catch (IOException e) {
            throw new StoreException("Cannot create " + link, e);
        }
    }

    /**
     * AWS's "Could not unzip" error when the file system refused {@code path} for its length, else a
     * {@link StoreException} (the storage failed).
     */
    static RuntimeException rejectedName(FileSystemException e, Path path) {
        String reason = e.getReason();
        if (reason != null && reason.contains("File name too long")) {
            return ZipPackageReader.corrupt();
        }
        return new StoreException("Cannot create " + path, e);
    }

    static LambdaException conflict(String entryName) {
        return ZipEntryNames.invalid(entryName, "collides with another entry of the same path");
    }
}
