package dev.gust.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each protocol names an authentication failure with its own code and status, as AWS's services do. */
class ErrorWriterTest {

    @Test
    void lambdaKeepsItsRestJsonCodesAndAnswers403() {
        assertThat(code(Protocol.REST_JSON, AuthFailure.MISSING_TOKEN)).isEqualTo("403 MissingAuthenticationTokenException");
        assertThat(code(Protocol.REST_JSON, AuthFailure.INCOMPLETE_SIGNATURE)).isEqualTo("403 IncompleteSignatureException");
        assertThat(code(Protocol.REST_JSON, AuthFailure.INVALID_SIGNATURE)).isEqualTo("403 InvalidSignatureException");
        assertThat(code(Protocol.REST_JSON, AuthFailure.UNRECOGNIZED_CLIENT)).isEqualTo("403 UnrecognizedClientException");
        assertThat(code(Protocol.REST_JSON, AuthFailure.EXPIRED_TOKEN)).isEqualTo("403 ExpiredTokenException");
        assertThat(code(Protocol.REST_JSON, AuthFailure.ACCESS_DENIED)).isEqualTo("403 AccessDeniedException");
        assertThat(ErrorWriter.render(Protocol.REST_JSON, EdgeException.auth(AuthFailure.ACCESS_DENIED, "m"))
                .capitalMessage()).isTrue();
    }

    @Test
    void theQueryProtocolUsesStsCodes() {
        assertThat(code(Protocol.QUERY, AuthFailure.MISSING_TOKEN)).isEqualTo("403 MissingAuthenticationToken");
        assertThat(code(Protocol.QUERY, AuthFailure.INCOMPLETE_SIGNATURE)).isEqualTo("400 IncompleteSignature");
        assertThat(code(Protocol.QUERY, AuthFailure.INVALID_SIGNATURE)).isEqualTo("403 SignatureDoesNotMatch");
        assertThat(code(Protocol.QUERY, AuthFailure.UNRECOGNIZED_CLIENT)).isEqualTo("403 InvalidClientTokenId");
        assertThat(code(Protocol.QUERY, AuthFailure.EXPIRED_TOKEN)).isEqualTo("403 ExpiredToken");
        assertThat(code(Protocol.QUERY, AuthFailure.ACCESS_DENIED)).isEqualTo("403 AccessDenied");
    }

    @Test
    void jsonServicesAnswer400WithCoralTypes() {
        ErrorWriter.Rendered rendered = ErrorWriter.render(Protocol.JSON_1_1,
                EdgeException.auth(AuthFailure.MISSING_TOKEN, "Missing Authentication Token"));

        assertThat(rendered.status()).isEqualTo(400);
        assertThat(rendered.coral()).isTrue();
        assertThat(rendered.message()).isEqualTo("Request is missing Authentication Token");
        assertThat(code(Protocol.JSON_1_0, AuthFailure.UNRECOGNIZED_CLIENT)).isEqualTo("400 UnrecognizedClientException");
    }

    @Test
    void restXmlUsesS3Codes() {
        assertThat(code(Protocol.REST_XML, AuthFailure.UNRECOGNIZED_CLIENT)).isEqualTo("403 InvalidAccessKeyId");
        assertThat(code(Protocol.REST_XML, AuthFailure.INVALID_SIGNATURE)).isEqualTo("403 SignatureDoesNotMatch");
        assertThat(code(Protocol.REST_XML, AuthFailure.EXPIRED_TOKEN)).isEqualTo("400 ExpiredToken");
        assertThat(code(Protocol.REST_XML, AuthFailure.ACCESS_DENIED)).isEqualTo("403 AccessDenied");
    }

    @Test
    void otherErrorsKeepTheirCodeAndStatusInEveryProtocol() {
        for (Protocol protocol : Protocol.values()) {
            ErrorWriter.Rendered rendered = ErrorWriter.render(protocol,
                    EdgeException.of("UnknownServiceException", 400, "no such service"));
            assertThat(rendered.code()).isEqualTo("UnknownServiceException");
            assertThat(rendered.status()).isEqualTo(400);
        }
    }

    @Test
    void infersTheProtocolOfAVersionedPath() {
        assertThat(RequestProtocols.startsWithVersion("/2015-03-31/functions")).isTrue();
        assertThat(RequestProtocols.startsWithVersion("/2015-03-31")).isFalse();
        assertThat(RequestProtocols.startsWithVersion("/bucket-name/2015-03-31/")).isFalse();
        assertThat(RequestProtocols.startsWithVersion("/")).isFalse();
    }

    private static String code(Protocol protocol, AuthFailure failure) {
        ErrorWriter.Rendered rendered = ErrorWriter.render(protocol, EdgeException.auth(failure, "message"));
        return rendered.status() + " " + rendered.code();
    }
}
