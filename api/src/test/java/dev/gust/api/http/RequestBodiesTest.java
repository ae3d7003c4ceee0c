package dev.gust.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.LambdaException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    record Code(byte[] zipFile) {
    }

    @Test
    void readsABase64MemberLongerThanJacksonsDefaultStringLimit() {
        byte[] zip = new byte[45 * 1024 * 1024];
        new Random(7).nextBytes(zip);
        Buffer body = Buffer.buffer("{\"ZipFile\":\"" + Base64.getEncoder().encodeToString(zip) + "\"}");

        Code code = RequestBodies.read(body, Code.class);

        assertThat(code.zipFile()).isEqualTo(zip);
    }

    @Test
    void readsAStringMemberLongerThanJacksonsDefaultStringLimit() {
        String description = "d".repeat(21 * 1024 * 1024);
        Buffer body = Buffer.buffer("{\"Description\":\"" + description + "\"}", StandardCharsets.UTF_8.name());

        record Described(String description) {
        }
        assertThat(RequestBodies.read(body, Described.class).description()).hasSize(description.length());
    }

    @Test
    void refusesTheJsonNullAsInvalidRequestContent() {
        assertThatThrownBy(() -> RequestBodies.read(Buffer.buffer("null"), Code.class))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidRequestContentException"));
    }

    @Test
    void refusesBadBase64AsInvalidRequestContent() {
        Buffer body = Buffer.buffer("{\"ZipFile\":\"not base64!\"}");

        assertThatThrownBy(() -> RequestBodies.read(body, Code.class)).isInstanceOfSatisfying(LambdaException.class,
                e -> assertThat(e.errorType()).isEqualTo("InvalidRequestContentException"));
    }
}
