package org.basket.driver.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverListener;

/** Records driver events as readable lines: "node1 vm1 RUNNING", "node1 unreachable: reason". */
public final class RecordingListener implements DriverListener {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void domainChanged(String host, String domain, DomainState state) {
        events.add(host + " " + domain + " " + state);
    }

    @Override
    public void hostContact(String host, boolean reachable, String reason) {
        events.add(host + (reachable ? " reachable: " : " unreachable: ") + reason);
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
    }
}
