package org.basket.northbound.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.basket.api.cluster.ClusterEvent;
import org.basket.northbound.snmp.SnmpSettings.Kind;
import org.basket.northbound.snmp.SnmpSettings.Target;
import org.basket.northbound.snmp.SnmpSettings.User;
import org.basket.northbound.snmp.SnmpSettings.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Sends each notification to every target: v2c or v3 (authPriv), as a trap or an inform, from one SNMP engine of its
 * own. Nothing here waits for the network: a trap is one datagram; an inform is sent asynchronously, and a target
 * that has {@code inform.outstanding} informs unanswered gets no more until it answers or they time out (those are
 * dropped and counted).
 */
final class NotificationSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);
    static final int MAX_TEXT = 255;

    private final Snmp snmp;
    private final long started = System.nanoTime();
    private final Map<Target, Semaphore> informs = new LinkedHashMap<>();
    private final java.util.Set<Target> unanswering = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Target> targets;
    private final AtomicLong sent;
    private final AtomicLong dropped;

    NotificationSender(SnmpSettings settings, AtomicLong sent, AtomicLong dropped) throws IOException {
        this.targets = settings.targets();
        this.sent = sent;
        this.dropped = dropped;
        SnmpSecurity.addProtocols();
        USM usm = new USM(SnmpSecurity.PROTOCOLS, new OctetString(settings.engineId()), 0);
        for (User user : settings.users().values()) {
            usm.addUser(SnmpSecurity.usmUser(user));
        }
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(usm));
        snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping());
        snmp.listen();
        targets.stream().filter(t -> t.kind() == Kind.INFORM)
                .forEach(t -> informs.put(t, new Semaphore(settings.informOutstanding())));
    }

    /** Hands the notification to every target's transport; never waits for an answer. */
    void send(Notice notice) {
        for (Target target : targets) {
            Semaphore permits = informs.get(target);
            if (permits != null && !permits.tryAcquire()) {
                dropped.incrementAndGet();
                LOG.debug("SNMP: {} not sent to {}: as many informs unanswered as it may have", notice.notification(),
                        target);
                continue;
            }
            try {
                PDU pdu = pdu(notice, target);
                if (permits == null) {
                    snmp.send(pdu, snmpTarget(target));
                } else {
                    snmp.send(pdu, snmpTarget(target), null, answer(target, permits, notice));
                }
                sent.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                if (permits != null) {
                    permits.release();
                }
                dropped.incrementAndGet();
                LOG.warn("SNMP: {} not sent to {}: {}", notice.notification(), target, e.toString());
            }
        }
    }

    private ResponseListener answer(Target target, Semaphore permits, Notice notice) {
        return new ResponseListener() {
            @Override
            public <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> event) {
                snmp.cancel(event.getRequest(), this);
                permits.release();
                boolean answered = event.getResponse() != null;
                if (!answered && unanswering.add(target)) {
                    LOG.warn("SNMP: {} #{} to {} was not acknowledged{}; told once until it answers again",
                            notice.notification(), notice.event().sequence(), target,
                            event.getError() == null ? "" : ": " + event.getError());
                } else if (answered && unanswering.remove(target)) {
                    LOG.info("SNMP: {} acknowledges informs again", target);
                }
            }
        };
    }

    private PDU pdu(Notice notice, Target target) {
        PDU pdu = target.version() == Version.V3 ? new ScopedPDU() : new PDU();
        pdu.setType(target.kind() == Kind.INFORM ? PDU.INFORM : PDU.NOTIFICATION);
        ClusterEvent event = notice.event();
        pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks((System.nanoTime() - started) / 10_000_000)));
        pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, notice.notification().oid()));
        pdu.add(new VariableBinding(BasketMib.child(BasketMib.EVENT_SEQUENCE, 0), new Counter64(event.sequence())));
        pdu.add(new VariableBinding(BasketMib.child(BasketMib.EVENT_SEVERITY, 0), new Integer32(event.severity().ordinal() + 1)));
        pdu.add(new VariableBinding(BasketMib.child(BasketMib.EVENT_HOST, 0), text(event.host())));
        pdu.add(new VariableBinding(BasketMib.child(BasketMib.EVENT_RESOURCE, 0), text(event.resource())));
        pdu.add(new VariableBinding(BasketMib.child(BasketMib.EVENT_ACTION, 0), text(event.action())));
        pdu.add(new VariableBinding(BasketMib.child(BasketMib.EVENT_MESSAGE, 0), text(event.message())));
        pdu.add(new VariableBinding(BasketMib.child(BasketMib.EVENT_REPEATS, 0), new UnsignedInteger32(event.repeats())));
        return pdu;
    }

    private static org.snmp4j.Target<UdpAddress> snmpTarget(Target target) {
        UdpAddress address = new UdpAddress(target.address(), target.port());
        org.snmp4j.Target<UdpAddress> snmpTarget;
        if (target.version() == Version.V3) {
            UserTarget<UdpAddress> user = new UserTarget<>();
            user.setSecurityLevel(SecurityLevel.AUTH_PRIV);
            user.setSecurityName(new OctetString(target.user().orElseThrow().name()));
            user.setSecurityModel(SecurityModel.SECURITY_MODEL_USM);
            user.setVersion(SnmpConstants.version3);
            snmpTarget = user;
        } else {
            CommunityTarget<UdpAddress> community = new CommunityTarget<>();
            community.setCommunity(new OctetString(target.community()));
            community.setVersion(SnmpConstants.version2c);
            snmpTarget = community;
        }
        snmpTarget.setAddress(address);
        snmpTarget.setTimeout(target.timeout().toMillis());
        snmpTarget.setRetries(target.retries());
        return snmpTarget;
    }

    /** A DisplayString: at most {@value #MAX_TEXT} bytes of UTF-8, cut at a character. */
    static OctetString text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MAX_TEXT);
        while (length < bytes.length && length > 0 && (bytes[length] & 0xC0) == 0x80) {
            length--;
        }
        return new OctetString(java.util.Arrays.copyOf(bytes, length));
    }

    /** The engine ID of a machine's Basket when none is configured: SNMP4J's text format of "basket@HOSTNAME". */
    static byte[] defaultEngineId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String text = "basket@" + host;
        return MPv3.createLocalEngineID(new OctetString(text.substring(0, Math.min(text.length(), 27))));
    }

    static String hex(byte[] engineId) {
        return "0x" + HexFormat.of().formatHex(engineId);
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            LOG.debug("SNMP: closing the notification session: {}", e.toString());
        }
    }
}
