package org.basket.agents;

/** What the installer hands an agent besides its token: the CA certificate the agent pins. Internal to this bundle. */
public interface AgentTrust {

    String caCertificatePem();
}
