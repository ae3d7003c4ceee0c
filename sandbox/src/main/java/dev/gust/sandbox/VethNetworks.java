package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each instance its own network namespace joined to the host by a veth pair, as root; thread-safe.
 *
 * <p>Each network has a slot {@code s}, leased across every server of the host ({@link LeasedRange} over
 * {@code /run/gust/network-slots}), so names and addresses are never shared: the namespace and host interface
 * {@code gsi<s>} and the point-to-point pair {@code 198.18.0.0 + 2s} (host end, the gateway) and {@code + 1}
 * (instance end) from 198.18.0.0/15, the range RFC 2544 reserves for benchmarks, which real networks do not route.
 *
 * <p>Making a namespace takes two {@code ip} processes (milliseconds, more on a loaded host), so a few are made
 * ahead of time ({@value #SPARES}, refilled in the background after each {@link #open}): a cold start takes a spare and
 * pays nothing. An instance's network is deleted when it ends, never reused.
 *
 * <p>One nftables table, {@code inet gust-net}, the same for every server of the host (each installs it, atomically,
 * at startup), decides what an instance reaches:
 * <ul>
 *   <li>on the host, only sockets bound to the address of the interface the packet came in on, that is, to its own
 *       gateway: Gust's listeners for that instance. Host services on a wildcard address, on loopback or on any other
 *       address, and other instances' gateways, are dropped;
 *   <li>no other instance (forwarding between {@code gsi*} interfaces is dropped);
 *   <li>everything else, through the host's routing with source NAT (masquerade): outbound access as Lambda has.
 * </ul>
 * The instance's {@code 127.0.0.1} and abstract Unix sockets are its namespace's own.
 */
public final class VethNetworks implements InstanceNetworks {

    /** The prefix of every namespace and host interface name. */
    static final String PREFIX = "gsi";
    /** Joins a namespace before bubblewrap starts (util-linux). */
    static final Path NSENTER = Path.of("/usr/bin/nsenter");

    /** Networks kept ready for the next cold starts. */
    static final int SPARES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(VethNetworks.class);
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d{1,5})");
    private static final int FIRST_ADDRESS = (198 << 24) | (18 << 16);
    /** A /15: two addresses per slot. */
    private static final int MAX_SLOTS = 65_536;
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
    private static final String RULES = """
            table inet gust-net {
            }
            flush table inet gust-net
            table inet gust-net {
              chain input {
                type filter hook input priority filter; policy accept;
                iifname "gsi*" ct state established,related accept
                iifname "gsi*" fib daddr . iif type local socket wildcard 0 accept
                iifname "gsi*" drop
              }
              chain forward {
                type filter hook forward priority filter; policy accept;
                iifname "gsi*" oifname "gsi*" drop
                iifname "gsi*" fib daddr type local drop
              }
              chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                ip saddr 198.18.0.0/15 oifname != "gsi*" masquerade
              }
            }
            """;

    private final Path ip;
    private final LeasedRange slots;
    private final Deque<InstanceNetwork> spares = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean refilling = new AtomicBoolean();
    private volatile boolean shutDown;

    private VethNetworks(Path ip, LeasedRange slots) {
        this.ip = ip;
        this.slots = slots;
    }

    /**
     * Prepares the host (the {@code gust-net} table, IPv4 forwarding) and removes the namespaces that servers killed
     * before they could remove them.
     *
     * @param root whether Gust runs as root ({@link SandboxProbe#root()})
     * @throws IllegalStateException when isolation cannot be set up here, with the cause and the fix in one line
     */
    public static VethNetworks setUp(boolean root) {
        return setUp(root, new LeasedRange(0, MAX_SLOTS, Optional.of(UidLeases.hostDirectory("network-slots"))));
    }

    /** As {@link #setUp(boolean)}, with the slots leased from {@code slots}. */
    static VethNetworks setUp(boolean root, LeasedRange slots) {
        if (!root) {
            throw new IllegalStateException("network isolation needs root (a network namespace per instance with a"
                    + " veth pair): run Gust as root, or set network: host");
        }
        if (slots.first() + slots.count() > MAX_SLOTS) {
            throw new IllegalArgumentException("network slots end at " + MAX_SLOTS);
        }
        Path ip = Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                        "network isolation needs ip (iproute2): install it (apt install iproute2), or set network: host"));
        Path nft = Stream.of("/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                        "network isolation needs nft: install nftables (apt install nftables), or set network: host"));
        if (!Files.isExecutable(NSENTER)) {
            throw new IllegalStateException("network isolation needs " + NSENTER
                    + ": install util-linux, or set network: host");
        }
        try {
            HostCommand.run(List.of(nft.toString(), "-f", "-"), RULES);
            if (!Files.readString(IP_FORWARD).trim().equals("1")) {
                Files.writeString(IP_FORWARD, "1"); // instances reach the network through the host's routing
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("network isolation could not configure the host (" + e.getMessage()
                    + "): check that nftables works in this kernel (nft list ruleset), or set network: host", e);
        }
        VethNetworks networks = new VethNetworks(ip, slots);
        int swept = networks.sweep();
        if (swept > 0) {
            LOG.info("removed {} instance networks a stopped server left behind", swept);
        }
        networks.refill();
        return networks;
    }

    /** The network of slot {@code slot}: its names and addresses, which depend on nothing else. */
    static InstanceNetwork network(int slot) {
        if (slot < 0 || slot >= MAX_SLOTS) {
            throw new IllegalArgumentException("slot out of range: " + slot);
        }
        int gateway = FIRST_ADDRESS + 2 * slot;
        return new InstanceNetwork(PREFIX + slot, dotted(gateway), dotted(gateway + 1));
    }

    /** A spare network if one is ready, else one made now; the spares are refilled in the background either way. */
    @Override
    public Optional<InstanceNetwork> open() throws IOException {
        InstanceNetwork spare = spares.pollFirst();
        refill();
        return Optional.of(spare != null ? spare : make());
    }

    /** Leases a slot and makes its network. */
    InstanceNetwork make() throws IOException {
        int slot = slots.lease();
        InstanceNetwork network = network(slot);
        try {
            create(network);
        } catch (IOException first) {
            remove(network); // a namespace of a dead server, or one whose teardown the kernel has not finished
            try {
                create(network);
            } catch (IOException second) {
                second.addSuppressed(first);
                remove(network);
                slots.release(slot);
                throw second;
            }
        }
        return network;
    }

    /** Makes spares until {@value #SPARES} are ready, on one virtual thread at a time. */
    private void refill() {
        if (shutDown || spares.size() >= SPARES || !refilling.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("gust-network-spares").start(() -> {
            try {
                while (!shutDown && spares.size() < SPARES) {
                    spares.addLast(make());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not make a spare instance network (the next cold start makes its own): {}",
                        e.getMessage());
            } finally {
                refilling.set(false);
            }
            if (shutDown) {
                removeSpares();
            }
        });
    }

    /** Removes the spares: the server stops. Instances' networks are closed by their owners. */
    @Override
    public void shutdown() {
        shutDown = true;
        removeSpares();
    }

    private void removeSpares() {
        for (InstanceNetwork spare = spares.pollFirst(); spare != null; spare = spares.pollFirst()) {
            close(spare);
        }
    }

    private void create(InstanceNetwork network) throws IOException {
        String name = network.name();
        HostCommand.run(List.of(ip.toString(), "-batch", "-"), String.join("\n",
                "netns add " + name,
                "link add " + name + " type veth peer name eth0 netns " + name,
                "addr add " + network.gatewayAddress() + " peer " + network.instanceAddress() + " dev " + name,
                "link set " + name + " up", ""));
        HostCommand.run(List.of(ip.toString(), "-n", name, "-batch", "-"), String.join("\n",
                "addr add " + network.instanceAddress() + " peer " + network.gatewayAddress() + " dev eth0",
                "link set lo up",
                "link set eth0 up",
                "route add default via " + network.gatewayAddress(), ""));
    }

    @Override
    public void close(InstanceNetwork network) {
        remove(network);
        slots.release(slotOf(network));
    }

    private static int slotOf(InstanceNetwork network) {
        return Integer.parseInt(network.name().substring(PREFIX.length()));
    }

    /** Deletes the namespace (its {@code eth0} and so the whole veth pair go with it) and any stray host end. */
    private void remove(InstanceNetwork network) {
        try {
            if (Files.exists(network.namespacePath())) {
                HostCommand.run(List.of(ip.toString(), "netns", "delete", network.name()), "");
            }
            if (Files.exists(Path.of("/sys/class/net", network.name()))) {
                // a host end left without its namespace; or one the namespace's teardown removes meanwhile
                HostCommand.run(List.of("/bin/sh", "-c", "\"$0\" link delete \"$1\" 2>/dev/null || true",
                        ip.toString(), network.name()), "");
            }
        } catch (IOException e) {
            LOG.warn("could not remove the network of instance slot {}: {}", network.name(), e.getMessage());
        }
    }

    /**
     * Removes every {@code gsi*} namespace and interface whose slot no server of the host leases now.
     *
     * @return how many slots were cleaned
     */
    int sweep() {
        TreeSet<Integer> found = new TreeSet<>();
        collectSlots(Path.of("/run/netns"), found);
        collectSlots(Path.of("/sys/class/net"), found);
        int swept = 0;
        for (int slot : found) {
            if (slots.whileFree(slot, free -> remove(network(free)))) {
                swept++;
            }
        }
        return swept;
    }

    private static void collectSlots(Path directory, TreeSet<Integer> slots) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            entries.forEach(entry -> {
                Matcher matcher = NAME.matcher(entry.getFileName().toString());
                if (matcher.matches() && Integer.parseInt(matcher.group(1)) < MAX_SLOTS) {
                    slots.add(Integer.parseInt(matcher.group(1)));
                }
            });
        } catch (IOException e) {
            LOG.warn("could not list {}: {}", directory, e.getMessage());
        }
    }

    @Override
    public String description() {
        return "isolated (a network namespace per instance, veth and NAT; Runtime API and edge on its gateway; "
                + SPARES + " made ahead)";
    }

    private static String dotted(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }
}
