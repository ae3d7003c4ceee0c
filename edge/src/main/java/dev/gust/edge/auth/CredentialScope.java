package dev.gust.edge.auth;

import java.util.function.Predicate;

/**
 * The {@code Credential} of a signature: the access key id and the scope
 * {@code DATE/REGION/SERVICE/aws4_request} that the signing key was derived for. Immutable.
 *
 * @param accessKeyId the access key id the client signed with
 * @param date the {@code yyyyMMdd} day of the signing key
 * @param region the region of the signing key
 * @param service the service of the signing key
 * @param terminator {@code aws4_request} if the credential is valid
 */
record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {

    static final String TERMINATOR = "aws4_request";

    /** Splits a credential into its five parts; trailing slashes are ignored, as AWS ignores them. */
    static CredentialScope parse(String credential) {
        int end = credential.length();
        while (end > 0 && credential.charAt(end - 1) == '/') {
            end--;
        }
        String[] parts = credential.substring(0, end).split("/", -1);
        if (parts.length != 5) {
            throw AuthErrors.incomplete("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    /** Fails with every way in which this scope is not the expected one, in one message, as AWS does. */
    void requireScopedTo(Predicate<String> validRegion, String expectedService, SigningTime time) {
        StringBuilder message = new StringBuilder();
        if (!validRegion.test(region)) {
            message.append("Credential should be scoped to a valid region. ");
        }
        if (!service.equals(expectedService)) {
            message.append("Credential should be scoped to correct service: '").append(expectedService).append("'. ");
        }
        if (!terminator.equals(TERMINATOR)) {
            message.append("Credential should be scoped with a valid terminator: '" + TERMINATOR + "', not '")
                    .append(terminator).append("'. ");
        }
        if (!date.equals(time.date())) {
            message.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
                    .append(date).append("' != '").append(time.date()).append("', from '").append(time.basic())
                    .append("'.");
        }
        if (!message.isEmpty()) {
            throw AuthErrors.invalid(message.toString());
        }
    }

    /** {@code DATE/REGION/SERVICE/aws4_request}, the third line of the string to sign. */
    String scope() {
        return date + '/' + region + '/' + service + '/' + terminator;
    }
}
