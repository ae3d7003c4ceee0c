package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.runtimeapi.EndpointBinding;
import dev.gust.sandbox.InstanceNetwork;
import dev.gust.sandbox.InstanceNetworks;
import dev.gust.sandbox.SandboxUser;
import dev.gust.sandbox.SandboxUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InstanceNetworkingTest {

    private static final String EDGE = "http://127.0.0.1:9070";

    /** Networks that record what they were asked, named like the real ones. */
    private static final class RecordingNetworks implements InstanceNetworks {
        final List<InstanceNetwork> closed = new ArrayList<>();
        int opened;
        boolean shutDown;

        @Override
        public synchronized Optional<InstanceNetwork> open() {
            int slot = ++opened;
            return Optional.of(new InstanceNetwork("gsi" + slot, "198.18.0." + 2 * slot, "198.18.0." + (2 * slot + 1)));
        }

        @Override
        public synchronized void shutdown() {
            shutDown = true;
        }

        @Override
        public synchronized void close(InstanceNetwork network) {
            closed.add(network);
        }

        @Override
        public String description() {
            return "recording";
        }
    }

    @Test
    void anInstanceWithItsOwnUserGetsItsOwnNetworkAndItsEndpointsOnItsGateway() throws Exception {
        RecordingNetworks networks = new RecordingNetworks();
        SandboxUsers users = new SandboxUsers(5000, 10);
        InstanceNetworking networking = new InstanceNetworking(networks, users, () -> EDGE, Runnable::run);
        networks.open(); // slot 1 is taken

        InstanceNetworking.Attachment attachment = networking.attach(users.lease());
        EndpointBinding binding = attachment.binding().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(binding).isEqualTo(EndpointBinding.isolated("198.18.0.4", "198.18.0.5", EDGE));
        assertThat(attachment.network()).hasValue(new InstanceNetwork("gsi2", "198.18.0.4", "198.18.0.5"));
        attachment.close();
        attachment.close();
        assertThat(networks.closed).containsExactly(new InstanceNetwork("gsi2", "198.18.0.4", "198.18.0.5"));

        InstanceNetworking.Attachment running = networking.attach(users.lease());
        running.binding().toCompletableFuture().get(10, TimeUnit.SECONDS);
        networking.close(); // the engine closes: what is still open goes, and so do the spares
        assertThat(networks.closed).hasSize(2);
        assertThat(networks.shutDown).isTrue();
    }

    @Test
    void inTheHostsNetworkTheEndpointAdmitsTheInstancesUidOrElseGustsOwn() throws Exception {
        SandboxUsers users = new SandboxUsers(5000, 10);
        SandboxUser user = users.lease();

        InstanceNetworking host = new InstanceNetworking(InstanceNetworks.host(), users, () -> EDGE, Runnable::run);
        InstanceNetworking shared = new InstanceNetworking(new RecordingNetworks(), null, () -> EDGE, Runnable::run);

        assertThat(host.attach(user).binding().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isEqualTo(EndpointBinding.loopback(OptionalInt.of(5000)));
        EndpointBinding own = shared.attach(SandboxUser.LAMBDA).binding().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(own).isEqualTo(EndpointBinding.loopbackForThisUser());
        assertThat(own.runtimeUid()).isPresent();
        assertThat(own.edgeUrl()).isEmpty();
    }
}
