package org.basket.northbound.snmp;

import org.basket.api.cluster.ClusterEvent;

/** One notification to send: which, and the event it tells. */
record Notice(BasketMib.Notification notification, ClusterEvent event) {
}
