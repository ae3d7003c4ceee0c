package dev.gust.server;

import dev.gust.sandbox.InstanceNetworks;
import dev.gust.sandbox.Sandbox;
import dev.gust.sandbox.VethNetworks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the instances' network from the {@code network} setting and the sandbox; stateless. */
final class Networks {

    private static final Logger LOG = LoggerFactory.getLogger(Networks.class);

    private Networks() {
    }

    /**
     * {@code isolated} gives each instance its own network namespace ({@link VethNetworks}) when the sandbox runs each
     * instance as its own host user (bubblewrap as root); {@code host} shares the host's network.
     *
     * <p>When isolation is asked for but the sandbox cannot provide it (not root, or {@code --sandbox=none}), the
     * server says so in one line and shares the host's network.
     *
     * @throws IllegalStateException when Gust runs as root but the host cannot be prepared (no {@code nft}, no
     *     {@code ip}): the message names the cause and the fix, and the server does not start
     */
    static InstanceNetworks choose(String setting, Sandbox sandbox) {
        if (setting.equals("host")) {
            return InstanceNetworks.host();
        }
        if (!sandbox.capabilities().isolated() || !sandbox.capabilities().distinctHostUsers()) {
            LOG.warn("network: isolated needs bubblewrap as root (a network namespace per instance); instances share"
                    + " the host's network and loopback. Run Gust as root, or set network: host to silence this");
            return InstanceNetworks.host();
        }
        return VethNetworks.setUp(true);
    }
}
