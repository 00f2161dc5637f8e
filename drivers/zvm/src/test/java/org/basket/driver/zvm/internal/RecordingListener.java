package org.basket.driver.zvm.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverListener;

/** Every event a driver endpoint tells, as one line. */
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
