package org.basket.northbound.snmp;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;

import org.basket.northbound.snmp.SnmpSettings.AgentSettings;
import org.basket.northbound.snmp.SnmpSettings.User;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.TransportMapping;
import org.snmp4j.agent.BaseAgent;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.mo.snmp.SnmpCommunityMIB;
import org.snmp4j.agent.mo.snmp.SnmpNotificationMIB;
import org.snmp4j.agent.mo.snmp.SnmpTargetMIB;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.agent.security.MutableVACM;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * The SNMP agent (SNMP4J-Agent) serving BASKET-MIB, read-only: to the v2c community and to the v3 users (authPriv)
 * the configuration names, and only the BASKET-MIB subtree. Its engine is its own (not the global one of SNMP4J), so
 * that several can run in one JVM.
 */
final class BasketAgent extends BaseAgent {
    private static final OctetString VIEW = new OctetString("basket");
    private static final OctetString V2C_NAME = new OctetString("basket-v2c");
    private static final OctetString V2C_GROUP = new OctetString("basket-v2c-readers");
    private static final OctetString V3_GROUP = new OctetString("basket-v3-readers");

    private final AgentSettings settings;
    private final ClusterTables tables;

    BasketAgent(AgentSettings settings, ClusterTables tables, File bootCounter) {
        super(bootCounter, null, new CommandProcessor(new OctetString(MPv3.createLocalEngineID())));
        this.settings = settings;
        this.tables = tables;
        sysDescr = new OctetString("Basket high-availability manager (BASKET-MIB)");
    }

    /** Listens on the configured address and port. */
    void start() throws IOException {
        init();
        finishInit();
        run();
    }

    /** The UDP port the agent listens on (the configured one, or the one the system chose for port 0). */
    int port() {
        return ((DefaultUdpTransportMapping) transportMappings[0]).getListenAddress().getPort();
    }

    @Override
    protected void initMessageDispatcher() {
        SnmpSecurity.addProtocols();
        dispatcher = new MessageDispatcherImpl();
        usm = new USM(SnmpSecurity.PROTOCOLS, agent.getContextEngineID(), updateEngineBoots());
        mpv3 = new MPv3(usm);
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(mpv3);
        initSnmpSession();
    }

    @Override
    protected void initTransportMappings() throws IOException {
        transportMappings = new TransportMapping<?>[] {
                new DefaultUdpTransportMapping(new UdpAddress(settings.address(), settings.port()))};
    }

    @Override
    protected void registerManagedObjects() {
        try {
            tables.register(server);
        } catch (DuplicateRegistrationException e) {
            throw new IllegalStateException("BASKET-MIB registered twice", e);
        }
    }

    @Override
    protected void unregisterManagedObjects() {
        tables.unregister(server);
    }

    @Override
    protected void addUsmUser(USM usm) {
        for (User user : settings.users()) {
            usm.addUser(SnmpSecurity.usmUser(user));
        }
    }

    @Override
    protected void addNotificationTargets(SnmpTargetMIB targetMIB, SnmpNotificationMIB notificationMIB) {
        // the notifications have a sender of their own (NotificationSender)
    }

    @Override
    protected void addViews(VacmMIB vacm) {
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

    @Override
    protected void addCommunities(SnmpCommunityMIB communityMIB) {
        if (!settings.community().isEmpty()) {
            communityMIB.addSnmpCommunityEntry(new OctetString("basket"), new OctetString(settings.community()),
                    V2C_NAME, agent.getContextEngineID(), new OctetString(), new OctetString(), StorageType.volatile_);
        }
    }

    @Override
    protected void addShutdownHook() {
        // stopped by its component, never by the JVM's exit
    }

    InetAddress address() {
        return settings.address();
    }
}
