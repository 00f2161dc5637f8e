package org.basket.driver.libvirt.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverListener;

/** Keeps what an endpoint reported, in order. */
final class RecordingListener implements DriverListener {
    record DomainChange(String host, String domain, DomainState state) {
    }

    record Contact(String host, boolean reachable, String reason) {
    }

    final List<DomainChange> changes = new CopyOnWriteArrayList<>();
    final List<Contact> contacts = new CopyOnWriteArrayList<>();

    @Override
    public void domainChanged(String host, String domain, DomainState state) {
        changes.add(new DomainChange(host, domain, state));
    }

    @Override
    public void hostContact(String host, boolean reachable, String reason) {
        contacts.add(new Contact(host, reachable, reason));
    }

    boolean saw(String host, String domain, DomainState state) {
        return changes.contains(new DomainChange(host, domain, state));
    }
}
