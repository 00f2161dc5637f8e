package org.basket.northbound.snmp;

import org.basket.northbound.snmp.SnmpSettings.User;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/** SNMPv3's protocols as Basket offers them: SHA-2 authentication and AES privacy, authPriv only. */
final class SnmpSecurity {
    static final SecurityProtocols PROTOCOLS = SecurityProtocols.getInstance();

    private SnmpSecurity() {
    }

    static synchronized void addProtocols() {
        PROTOCOLS.addAuthenticationProtocol(new AuthHMAC128SHA224());
        PROTOCOLS.addAuthenticationProtocol(new AuthHMAC192SHA256());
        PROTOCOLS.addAuthenticationProtocol(new AuthHMAC256SHA384());
        PROTOCOLS.addAuthenticationProtocol(new AuthHMAC384SHA512());
        PROTOCOLS.addPrivacyProtocol(new PrivAES128());
        PROTOCOLS.addPrivacyProtocol(new PrivAES192());
        PROTOCOLS.addPrivacyProtocol(new PrivAES256());
    }

    static UsmUser usmUser(User user) {
        return new UsmUser(new OctetString(user.name()), auth(user.auth()), new OctetString(user.authPassword()),
                priv(user.priv()), new OctetString(user.privPassword()));
    }

    private static OID auth(SnmpSettings.AuthProtocol protocol) {
        return switch (protocol) {
            case SHA_224 -> AuthHMAC128SHA224.ID;
            case SHA_256 -> AuthHMAC192SHA256.ID;
            case SHA_384 -> AuthHMAC256SHA384.ID;
            case SHA_512 -> AuthHMAC384SHA512.ID;
        };
    }

    private static OID priv(SnmpSettings.PrivProtocol protocol) {
        return switch (protocol) {
            case AES_128 -> PrivAES128.ID;
            case AES_192 -> PrivAES192.ID;
            case AES_256 -> PrivAES256.ID;
        };
    }
}
