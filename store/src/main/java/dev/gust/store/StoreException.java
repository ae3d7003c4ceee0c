package dev.gust.store;

/**
 * A failure of the storage itself (an I/O or database error), as opposed to a rejected request.
 *
 * <p>Callers normally let it propagate; the API maps it to {@code ServiceException}. Immutable.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
