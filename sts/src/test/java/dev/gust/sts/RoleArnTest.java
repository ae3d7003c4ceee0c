package dev.gust.sts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleArnTest {

    @Test
    void namesTheRoleByTheLastSegmentOfItsPath() {
        RoleArn role = RoleArn.find("arn:aws:iam::000000000000:role/service-role/team/fn-role").orElseThrow();

        assertThat(role.accountId()).isEqualTo("000000000000");
        assertThat(role.roleName()).isEqualTo("fn-role");
        assertThat(role.assumedRoleArn("s")).isEqualTo("arn:aws:sts::000000000000:assumed-role/fn-role/s");
    }

    @Test
    void findsOnlyRoles() {
        assertThat(RoleArn.find("arn:aws:iam::000000000000:user/alice")).isEmpty();
        assertThat(RoleArn.find("arn:aws:iam::0000:role/r")).isEmpty();
        assertThat(RoleArn.find("arn:aws:iam::000000000000:role/")).isEmpty();
        assertThat(RoleArn.find("arn:aws:sts::000000000000:role/r")).isEmpty();
    }

    @Test
    void tellsArnsFromOtherText() {
        assertThat(RoleArn.isArn("arn:aws:lambda:us-east-1:000000000000:function:f")).isTrue();
        assertThat(RoleArn.isArn("arn:a:a::aaaaaaaaaa:")).isFalse();
        assertThat(RoleArn.isArn("nothing-valid-in-here")).isFalse();
    }
}
