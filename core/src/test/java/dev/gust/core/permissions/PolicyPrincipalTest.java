package dev.gust.core.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyPrincipalTest {

    @Test
    void anAccountIdBecomesItsRootArn() {
        assertThat(PolicyPrincipal.fromParameter("111111111111")).contains(
                new PolicyPrincipal(PolicyPrincipal.Kind.AWS, "arn:aws:iam::111111111111:root"));
    }

    @Test
    void keepsServicesStarsAndIdentityArns() {
        assertThat(PolicyPrincipal.fromParameter("s3.amazonaws.com")).contains(
                new PolicyPrincipal(PolicyPrincipal.Kind.SERVICE, "s3.amazonaws.com"));
        assertThat(PolicyPrincipal.fromParameter("alexa-appkit.amazon.com")).contains(
                new PolicyPrincipal(PolicyPrincipal.Kind.SERVICE, "alexa-appkit.amazon.com"));
        assertThat(PolicyPrincipal.fromParameter("*")).contains(PolicyPrincipal.any());
        assertThat(PolicyPrincipal.fromParameter("arn:aws:iam::111111111111:user/ada")).contains(
                new PolicyPrincipal(PolicyPrincipal.Kind.AWS, "arn:aws:iam::111111111111:user/ada"));
    }

    @Test
    void rejectsWhatIsNeitherServiceNorAccountNorArn() {
        assertThat(PolicyPrincipal.fromParameter("invalid.nonaws.com")).isEmpty();
        assertThat(PolicyPrincipal.fromParameter("12345")).isEmpty();
        assertThat(PolicyPrincipal.fromParameter("arn:aws:s3:::bucket")).isEmpty();
    }
}
