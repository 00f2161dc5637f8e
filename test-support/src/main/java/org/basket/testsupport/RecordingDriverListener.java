package org.basket.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverListener;

/** Keeps what a driver reported, in order, typed and as readable lines ("node1 vm1 RUNNING", "node1 unreachable: why"). */
public final class RecordingDriverListener implements DriverListener {
    public record DomainChange(String host, String domain, DomainState state) {
    }

    public record Contact(String host, boolean reachable, String reason) {
    }

    private final List<Object> reports = new CopyOnWriteArrayList<>();

    @Override
    public void domainChanged(String host, String domain, DomainState state) {
        reports.add(new DomainChange(host, domain, state));
    }

    @Override
    public void hostContact(String host, boolean reachable, String reason) {
        reports.add(new Contact(host, reachable, reason));
    }

    public List<DomainChange> changes() {
        return reports.stream().filter(DomainChange.class::isInstance).map(DomainChange.class::cast).toList();
    }

    public List<Contact> contacts() {
        return reports.stream().filter(Contact.class::isInstance).map(Contact.class::cast).toList();
    }

    public boolean saw(String host, String domain, DomainState state) {
        return changes().contains(new DomainChange(host, domain, state));
    }

    /** Whether the driver said it cannot reach this host, for whatever reason. */
    public boolean lostContact(String host) {
        return contacts().stream().anyMatch(c -> c.host().equals(host) && !c.reachable());
    }

    public boolean sawContact(String host, boolean reachable, String reason) {
        return contacts().contains(new Contact(host, reachable, reason));
    }

    /** Every report as a line, in order. */
    public List<String> events() {
        return reports.stream().map(r -> r instanceof DomainChange c ? c.host() + " " + c.domain() + " " + c.state()
                : ((Contact) r).host() + (((Contact) r).reachable() ? " reachable: " : " unreachable: ")
                + ((Contact) r).reason()).toList();
    }

    public void clear() {
        reports.clear();
    }
}
