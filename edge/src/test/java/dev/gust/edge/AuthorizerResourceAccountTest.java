package dev.gust.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorizerResourceAccountTest {

    private static final Caller ROOT = Caller.accountRoot("000000000000", "AKGU");

    @Test
    void takesTheAccountFromTheResourcesArn() {
        assertThat(Authorizer.resourceAccount("arn:aws:lambda:us-east-1:111111111111:function:f", ROOT))
                .isEqualTo("111111111111");
        assertThat(Authorizer.resourceAccount("arn:aws:iam::222222222222:role/r", ROOT)).isEqualTo("222222222222");
    }

    @Test
    void takesTheCallersAccountWhenTheResourceNamesNoAccount() {
        assertThat(Authorizer.resourceAccount("*", ROOT)).isEqualTo("000000000000");
        assertThat(Authorizer.resourceAccount("arn:aws:s3:::bucket", ROOT)).isEqualTo("000000000000");
        assertThat(Authorizer.resourceAccount("arn:aws:iam::aws:policy/AdministratorAccess", ROOT))
                .isEqualTo("000000000000");
    }
}
