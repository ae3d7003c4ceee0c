package dev.gust.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which policies need the request's condition keys: the edge builds them only for those. */
class ReadsConditionKeysTest {

    @Test
    void aPolicyWithoutConditionsOrVariablesReadsNoKey() {
        assertThat(Policy.identity("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:Invoke*",
                 "Resource": "arn:aws:lambda:*:111122223333:function:*"}]}""").readsConditionKeys()).isFalse();
    }

    @Test
    void aConditionReadsKeys() {
        assertThat(Policy.identity("""
                {"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": "lambda:*", "Resource": "*"},
                 {"Effect": "Deny", "Action": "*", "Resource": "*",
                  "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""").readsConditionKeys()).isTrue();
    }

    @Test
    void aPolicyVariableInAResourceReadsKeys() {
        assertThat(Policy.identity("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetUser",
                 "Resource": "arn:aws:iam::111122223333:user/${aws:username}"}]}""").readsConditionKeys()).isTrue();
    }
}
