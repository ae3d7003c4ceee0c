package dev.gust.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.edge.EdgeException;
import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {

    @Test
    void encodesDocumentsAsIamReturnsThem() {
        assertThat(PolicyDocuments.encode("{\"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::b/~x\"}"))
                .isEqualTo("%7B%22Action%22%3A%20%22s3%3A%2A%22%2C%20%22Resource%22%3A%20%22arn%3Aaws%3As3%3A%3A%3Ab"
                        + "%2F~x%22%7D");
    }

    @Test
    void refusesAMalformedDocumentWithIamsErrorAndTheLanguagesMessage() {
        assertThatThrownBy(() -> PolicyDocuments.validate("{not json"))
                .isInstanceOfSatisfying(EdgeException.class, e -> {
                    assertThat(e.code()).isEqualTo("MalformedPolicyDocument");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}
