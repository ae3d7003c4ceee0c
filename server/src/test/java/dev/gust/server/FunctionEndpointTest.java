package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunctionEndpointTest {

    @Test
    void aListenerOnOneAddressIsReachedThere() {
        assertThat(FunctionEndpoint.url("127.0.0.1", 9070)).isEqualTo("http://127.0.0.1:9070");
        assertThat(FunctionEndpoint.url("gust.internal", 80)).isEqualTo("http://gust.internal:80");
    }

    @Test
    void aListenerOnEveryAddressIsReachedOnLoopback() {
        assertThat(FunctionEndpoint.url("0.0.0.0", 9070)).isEqualTo("http://127.0.0.1:9070");
        assertThat(FunctionEndpoint.url("::", 41234)).isEqualTo("http://127.0.0.1:41234");
        assertThat(FunctionEndpoint.url("[::]", 41234)).isEqualTo("http://127.0.0.1:41234");
    }

    @Test
    void anIpv6AddressIsBracketed() {
        assertThat(FunctionEndpoint.url("::1", 9070)).isEqualTo("http://[::1]:9070");
        assertThat(FunctionEndpoint.url("[::1]", 9070)).isEqualTo("http://[::1]:9070");
    }
}
