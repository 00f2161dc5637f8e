package org.basket.driver.powervm.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverListener;

/** Records what an endpoint reports, as "domain HOST VM STATE" and "contact HOST true|false REASON". */
public final class RecordingListener implements DriverListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void domainChanged(String host, String domain, DomainState state) {
        events.add("domain " + host + " " + domain + " " + state);
    }

    @Override
    public void hostContact(String host, boolean reachable, String reason) {
        events.add("contact " + host + " " + reachable + " " + reason);
    }
}
