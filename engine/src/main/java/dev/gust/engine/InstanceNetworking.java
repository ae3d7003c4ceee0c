package dev.gust.engine;

import dev.gust.runtimeapi.EndpointBinding;
import dev.gust.sandbox.InstanceNetwork;
import dev.gust.sandbox.InstanceNetworks;
import dev.gust.sandbox.SandboxUser;
import dev.gust.sandbox.SandboxUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Chooses where each instance reaches Gust: in its own network namespace (when the sandbox gives instances distinct
 * host users and the networks are isolated), its Runtime API and a relay to the edge on its gateway, admitting only
 * its address; otherwise the Runtime API on the host's loopback, admitting only its uid. Thread-safe.
 */
final class InstanceNetworking {

    private final InstanceNetworks networks;
    private final SandboxUsers users;
    private final Supplier<String> edgeUrl;
    private final Executor blocking;
    /** The instances' own networks not closed yet, so that {@link #close()} can remove them at shutdown. */
    private final Set<Attachment> open = ConcurrentHashMap.newKeySet();

    /**
     * @param users the instances' distinct host users, or {@code null} when instances share one (no own network then:
     *     joining a namespace needs root, and only root mode gives distinct users)
     * @param edgeUrl the edge's own URL, asked on a virtual thread (it may block until the server listens)
     * @param blocking where namespaces are made and removed (a few milliseconds of {@code ip})
     */
    InstanceNetworking(InstanceNetworks networks, SandboxUsers users, Supplier<String> edgeUrl, Executor blocking) {
        this.networks = users == null ? InstanceNetworks.host() : networks;
        this.users = users;
        this.edgeUrl = edgeUrl;
        this.blocking = blocking;
    }

    /** The networks' line for the startup banner and {@code /_gust/health}. */
    String description() {
        return networks.description();
    }

    /** Starts making the network of the instance that runs as {@code user}. */
    Attachment attach(SandboxUser user) {
        if (users == null) {
            return new Attachment(CompletableFuture.completedFuture(Optional.empty()), OptionalInt.empty());
        }
        if (!networks.isolates()) { // no hop to another thread: the endpoint keeps the caller's event loop
            return new Attachment(CompletableFuture.completedFuture(Optional.empty()), OptionalInt.of(user.uid()));
        }
        CompletableFuture<Optional<InstanceNetwork>> network = CompletableFuture.supplyAsync(() -> {
            try {
                return networks.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, blocking);
        Attachment attachment = new Attachment(network, OptionalInt.of(user.uid()));
        open.add(attachment);
        return attachment;
    }

    /**
     * Removes the networks of every instance still open: at shutdown, once the instances are closed, so that a
     * stopped server leaves no namespace behind (the exits' own removals may no longer get a thread by then).
     */
    void close() {
        open.forEach(Attachment::close);
        networks.shutdown();
    }

    /** One instance's network, from its making until {@link #close()}. */
    final class Attachment {
        private final CompletableFuture<Optional<InstanceNetwork>> network;
        private final OptionalInt runtimeUid;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Attachment(CompletableFuture<Optional<InstanceNetwork>> network, OptionalInt runtimeUid) {
            this.network = network;
            this.runtimeUid = runtimeUid;
        }

        /**
         * Where the instance's endpoint listens and whom it admits, once the network exists: its own address in its
         * own network; else its own host uid; else, when every instance runs as Gust's user, that user.
         */
        CompletionStage<EndpointBinding> binding() {
            return network.thenApply(own -> own.map(net -> EndpointBinding.isolated(net.gatewayAddress(),
                    net.instanceAddress(), edgeUrl.get())).orElseGet(() -> runtimeUid.isPresent()
                            ? EndpointBinding.loopback(runtimeUid) : EndpointBinding.loopbackForThisUser()));
        }

        /** The instance's own network, or empty in the host's; call only after {@link #binding()} completed. */
        Optional<InstanceNetwork> network() {
            return network.join();
        }

        /** Removes the network once the instance's processes have exited (or never started); idempotent. */
        void close() {
            if (closed.compareAndSet(false, true)) {
                open.remove(this);
                network.whenComplete((own, failure) -> {
                    if (own != null) {
                        own.ifPresent(networks::close);
                    }
                });
            }
        }
    }
}
