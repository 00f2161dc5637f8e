package org.basket.driver.libvirt.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last definition (inactive domain XML) seen of each domain on any host of the endpoint. On
 * shared storage it lets a domain start on a host that never defined it: after a live migration
 * removed it from its source, or when its only host is dead.
 */
final class Definitions {
    private record Seen(String host, String xml) {
    }

    private final Map<String, Seen> byDomain = new ConcurrentHashMap<>();

    void seen(String domain, String host, String xml) {
        byDomain.put(domain, new Seen(host, xml));
    }

    boolean knows(String domain) {
        return byDomain.containsKey(domain);
    }

    void forget(String domain) {
        byDomain.remove(domain);
    }

    Optional<String> xml(String domain) {
        return Optional.ofNullable(byDomain.get(domain)).map(Seen::xml);
    }

    Optional<String> host(String domain) {
        return Optional.ofNullable(byDomain.get(domain)).map(Seen::host);
    }
}
