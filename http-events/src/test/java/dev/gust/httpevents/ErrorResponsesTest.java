package dev.gust.httpevents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    @Test
    void answersAsARestApiDoesForAMalformedAnswer() {
        HttpResponse response = ErrorResponses.restInternalServerError();

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.bodyText()).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(response.header("x-amzn-errortype")).isEqualTo("InternalServerErrorException");
        assertThat(response.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void answersAsAnHttpApiDoesForAMalformedAnswer() {
        HttpResponse response = ErrorResponses.httpApiInternalServerError();

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.bodyText()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(response.header("content-type")).isEqualTo("application/json");
    }
}
