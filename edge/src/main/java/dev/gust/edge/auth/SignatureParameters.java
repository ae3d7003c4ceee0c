package dev.gust.edge.auth;

/**
 * What a request says about its own signature, before any of it is checked. Immutable.
 *
 * @param algorithm the signing algorithm, {@code AWS4-HMAC-SHA256} if the request is well-formed
 * @param credential {@code KEYID/DATE/REGION/SERVICE/aws4_request}, decoded
 * @param signedHeaders the {@code ;}-separated names of the signed headers, decoded
 * @param signature the hex signature
 * @param timestamp the {@code X-Amz-Date} (or {@code Date} header) value
 * @param timestampIsDateHeader whether {@code timestamp} came from the {@code Date} header, which may use the HTTP
 *     date format
 * @param expires the {@code X-Amz-Expires} value of a presigned request, or {@code null}
 * @param presigned whether the signature came in the query string rather than the {@code Authorization} header
 */
record SignatureParameters(String algorithm, String credential, String signedHeaders, String signature,
        String timestamp, boolean timestampIsDateHeader, String expires, boolean presigned) {
}
