package org.basket.northbound.snmp;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;

import org.basket.northbound.snmp.SnmpSettings.AgentSettings;
import org.basket.northbound.snmp.SnmpSettings.User;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.agent.AgentConfigManager;
import org.snmp4j.agent.AgentState;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.agent.security.MutableVACM;
import org.snmp4j.cfg.EngineBootsCounterFile;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.TSM;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * The SNMP agent (SNMP4J-Agent's {@link AgentConfigManager}) serving BASKET-MIB, read-only: to the v2c community and to
 * the v3 users (authPriv) the configuration names, and only the BASKET-MIB subtree; no SNMPv1, no TLS. Its engine,
 * security models and counters are its own (not SNMP4J's global ones), so that several can run in one JVM.
 */
final class BasketAgent extends AgentConfigManager {
    private static final OctetString VIEW = new OctetString("basket");
    private static final OctetString V2C_NAME = new OctetString("basket-v2c");
    private static final OctetString V2C_GROUP = new OctetString("basket-v2c-readers");
    private static final OctetString V3_GROUP = new OctetString("basket-v3-readers");

    private final AgentSettings settings;
    private final ClusterTables tables;
    private final DefaultMOServer server;
    private final DefaultUdpTransportMapping transport;

    /** Binds the configured address and port; {@link #start} answers on it. */
    BasketAgent(AgentSettings settings, ClusterTables tables, File bootCounter) throws IOException {
        this(settings, tables, bootCounter, new DefaultMOServer(),
                new DefaultUdpTransportMapping(new UdpAddress(settings.address(), settings.port())));
    }

    private BasketAgent(AgentSettings settings, ClusterTables tables, File bootCounter, DefaultMOServer server,
                        DefaultUdpTransportMapping transport) {
        super(new OctetString(MPv3.createLocalEngineID()), dispatcher(transport), null, new MOServer[] {server},
                null, null, null, new EngineBootsCounterFile(bootCounter));
        this.settings = settings;
        this.tables = tables;
        this.server = server;
        this.transport = transport;
        sysDescr = new OctetString("Basket high-availability manager (BASKET-MIB)");
        SnmpSecurity.addProtocols();
        setContext(new SecurityModels(), SnmpSecurity.PROTOCOLS, new CounterSupport());
    }

    private static MessageDispatcher dispatcher(DefaultUdpTransportMapping transport) {
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addTransportMapping(transport);
        return dispatcher;
    }

    /** Serves BASKET-MIB to the readers the settings name. */
    void start() throws IOException {
        try {
            initialize();
            settings.users().forEach(user -> usm.addUser(SnmpSecurity.usmUser(user)));
            addViews(vacmMIB);
            addCommunity();
            tables.register(server);
            run();
        } catch (DuplicateRegistrationException | RuntimeException e) {
            transport.close();
            throw new IOException("the SNMP agent did not start: " + e.getMessage(), e);
        }
        if (getState() != AgentState.STATE_RUNNING || !runState.getErrors().isEmpty()) {
            String errors = runState.getErrors().stream().map(AgentState.ErrorDescriptor::getDescription)
                    .reduce((x, y) -> x + "; " + y).orElse("state " + getState());
            stop();
            throw new IOException("the SNMP agent did not start: " + errors);
        }
    }

    void stop() {
        shutdown();
        tables.unregister(server);
    }

    /** The UDP port the agent listens on (the configured one, or the one the system chose for port 0). */
    int port() {
        return transport.getListenAddress().getPort();
    }

    InetAddress address() {
        return settings.address();
    }

    @Override
    protected void initMessageDispatcherWithMPs(MessageDispatcher dispatcher) {
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineID.getValue(), null, securityProtocols, securityModels,
                counterSupport));
    }

    @Override
    protected TSM createTSM() {
        return null;
    }

    private void addViews(VacmMIB vacm) {
        if (!settings.community().isEmpty()) {
            vacm.addGroup(SecurityModel.SECURITY_MODEL_SNMPv2c, V2C_NAME, V2C_GROUP, StorageType.volatile_);
            vacm.addAccess(V2C_GROUP, new OctetString(), SecurityModel.SECURITY_MODEL_SNMPv2c,
                    SecurityLevel.NOAUTH_NOPRIV, MutableVACM.VACM_MATCH_EXACT, VIEW, new OctetString(), new OctetString(),
                    StorageType.volatile_);
        }
        for (User user : settings.users()) {
            vacm.addGroup(SecurityModel.SECURITY_MODEL_USM, new OctetString(user.name()), V3_GROUP, StorageType.volatile_);
        }
        vacm.addAccess(V3_GROUP, new OctetString(), SecurityModel.SECURITY_MODEL_USM, SecurityLevel.AUTH_PRIV,
                MutableVACM.VACM_MATCH_EXACT, VIEW, new OctetString(), new OctetString(), StorageType.volatile_);
        vacm.addViewTreeFamily(VIEW, BasketMib.BASKET_MIB, new OctetString(), VacmMIB.vacmViewIncluded,
                StorageType.volatile_);
    }

    private void addCommunity() {
        if (!settings.community().isEmpty()) {
            communityMIB.addSnmpCommunityEntry(new OctetString("basket"), new OctetString(settings.community()),
                    V2C_NAME, engineID, new OctetString(), new OctetString(), StorageType.volatile_);
        }
    }
}
