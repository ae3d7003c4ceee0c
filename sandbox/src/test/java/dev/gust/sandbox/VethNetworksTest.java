package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VethNetworksTest {

    @Test
    void withoutRootIsolationIsRefusedWithTheCauseAndTheFixInOneLine() {
        assertThatThrownBy(() -> VethNetworks.setUp(false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("network isolation needs root (a network namespace per instance with a veth pair): run Gust"
                        + " as root, or set network: host");
    }
}
