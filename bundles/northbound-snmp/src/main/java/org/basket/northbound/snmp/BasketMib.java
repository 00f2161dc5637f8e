package org.basket.northbound.snmp;

import org.snmp4j.smi.OID;

/** The object identifiers of BASKET-MIB (src/main/resources/mibs/BASKET-MIB.txt); BasketMibTest holds both to each other. */
final class BasketMib {
    /** A PLACEHOLDER enterprise number, not one assigned to Basket: see BASKET-MIB's header. */
    static final int ENTERPRISE = 99999;
    static final OID BASKET_MIB = new OID(new int[] {1, 3, 6, 1, 4, 1, ENTERPRISE});
    static final OID NOTIFICATIONS = child(BASKET_MIB, 0);
    static final OID OBJECTS = child(BASKET_MIB, 1);

    static final OID HOST_ENTRY = child(OBJECTS, 1, 1);
    static final OID RESOURCE_ENTRY = child(OBJECTS, 2, 1);
    static final OID WHERE_ENTRY = child(OBJECTS, 3, 1);

    static final OID MANAGER_STANDING = child(OBJECTS, 4, 1);
    static final OID CONFIG_PROBLEMS = child(OBJECTS, 4, 2);
    static final OID NOTIFICATIONS_SENT = child(OBJECTS, 4, 3);
    static final OID NOTIFICATIONS_DROPPED = child(OBJECTS, 4, 4);

    static final OID EVENT_SEQUENCE = child(OBJECTS, 5, 1);
    static final OID EVENT_SEVERITY = child(OBJECTS, 5, 2);
    static final OID EVENT_HOST = child(OBJECTS, 5, 3);
    static final OID EVENT_RESOURCE = child(OBJECTS, 5, 4);
    static final OID EVENT_ACTION = child(OBJECTS, 5, 5);
    static final OID EVENT_MESSAGE = child(OBJECTS, 5, 6);
    static final OID EVENT_REPEATS = child(OBJECTS, 5, 7);

    private BasketMib() {
    }

    /** Basket's notifications, in the MIB's order (the sub-identifier under basketNotifications is ordinal + 1). */
    enum Notification {
        HOST_LOST("basketHostLost"),
        HOST_FENCED("basketHostFenced"),
        FENCING_FAILED("basketFencingFailed"),
        RESOURCE_FAILED("basketResourceFailed"),
        RESOURCE_RECOVERED("basketResourceRecovered"),
        MIGRATION_DONE("basketMigrationDone"),
        MIGRATION_FAILED("basketMigrationFailed"),
        CAPACITY_SHORT("basketCapacityShort"),
        CONFIG_REJECTED("basketConfigRejected"),
        LEADERSHIP_CHANGED("basketLeadershipChanged");

        final String mibName;

        Notification(String mibName) {
            this.mibName = mibName;
        }

        OID oid() {
            return child(NOTIFICATIONS, ordinal() + 1);
        }
    }

    static OID child(OID parent, int... ids) {
        OID oid = new OID(parent);
        for (int id : ids) {
            oid.append(id);
        }
        return oid;
    }
}
