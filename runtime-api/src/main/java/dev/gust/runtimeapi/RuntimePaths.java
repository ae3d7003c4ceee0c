package dev.gust.runtimeapi;

/**
 * The paths of the Runtime API 2018-06-01 and how a request path maps to one of them, without regular expressions or
 * allocation. Stateless.
 */
final class RuntimePaths {

    static final String INVOCATION_PREFIX = "/2018-06-01/runtime/invocation/";
    static final String NEXT = INVOCATION_PREFIX + "next";
    static final String INIT_ERROR = "/2018-06-01/runtime/init/error";
    static final String RESPONSE_SUFFIX = "/response";
    static final String ERROR_SUFFIX = "/error";

    /** The operation a request path names. */
    enum Route { NEXT, RESPONSE, ERROR, INIT_ERROR, NOT_FOUND }

    private RuntimePaths() {
    }

    static Route route(String path) {
        if (path.startsWith(INVOCATION_PREFIX)) {
            if (path.equals(NEXT)) {
                return Route.NEXT;
            }
            if (path.endsWith(RESPONSE_SUFFIX) && hasOneIdSegment(path, RESPONSE_SUFFIX.length())) {
                return Route.RESPONSE;
            }
            if (path.endsWith(ERROR_SUFFIX) && hasOneIdSegment(path, ERROR_SUFFIX.length())) {
                return Route.ERROR;
            }
            return Route.NOT_FOUND;
        }
        return path.equals(INIT_ERROR) ? Route.INIT_ERROR : Route.NOT_FOUND;
    }

    /**
     * Whether a {@code /response} or {@code /error} path names the given request id.
     *
     * @param suffixLength the length of the path's suffix, {@code /response} or {@code /error}
     */
    static boolean namesRequest(String path, int suffixLength, String requestId) {
        int idLength = path.length() - suffixLength - INVOCATION_PREFIX.length();
        return idLength == requestId.length()
                && path.regionMatches(INVOCATION_PREFIX.length(), requestId, 0, idLength);
    }

    private static boolean hasOneIdSegment(String path, int suffixLength) {
        int idEnd = path.length() - suffixLength;
        return idEnd > INVOCATION_PREFIX.length() && path.indexOf('/', INVOCATION_PREFIX.length()) == idEnd;
    }
}
