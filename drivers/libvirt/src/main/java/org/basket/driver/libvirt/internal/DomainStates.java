package org.basket.driver.libvirt.internal;

import java.util.Optional;

import org.basket.api.driver.DomainState;
import org.libvirt.DomainInfo;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.StoppedDetail;

/** Translates libvirt's domain states and lifecycle events into Basket's. */
final class DomainStates {
    private DomainStates() {
    }

    static DomainState of(DomainInfo.DomainState state) {
        if (state == null) {
            return DomainState.UNKNOWN;
        }
        return switch (state) {
            // SHUTDOWN: the guest is shutting down, still running
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED, VIR_DOMAIN_SHUTDOWN -> DomainState.RUNNING;
            case VIR_DOMAIN_PAUSED -> DomainState.PAUSED;
            case VIR_DOMAIN_SHUTOFF -> DomainState.SHUTOFF;
            case VIR_DOMAIN_CRASHED -> DomainState.CRASHED;
            case VIR_DOMAIN_NOSTATE -> DomainState.UNKNOWN;
        };
    }

    /**
     * Why a domain in this state cannot process a graceful shutdown ("paused", "crashed"), or empty if it can: its
     * guest runs no code, so the shutdown request would only wait out the grace.
     */
    static String cannotShutDown(DomainInfo.DomainState state) {
        return state == DomainInfo.DomainState.VIR_DOMAIN_PAUSED ? "paused"
                : state == DomainInfo.DomainState.VIR_DOMAIN_CRASHED ? "crashed" : "";
    }

    /** The state a lifecycle event leaves the domain in, if the event changes it. */
    static Optional<DomainState> after(DomainEvent event) {
        return switch (event.getType()) {
            case STARTED, RESUMED -> Optional.of(DomainState.RUNNING);
            case SUSPENDED, PMSUSPENDED -> Optional.of(DomainState.PAUSED);
            case CRASHED -> Optional.of(DomainState.CRASHED);
            case STOPPED -> Optional.of(stopped(event));
            case UNDEFINED -> Optional.of(DomainState.SHUTOFF);
            default -> Optional.empty();
        };
    }

    private static DomainState stopped(DomainEvent event) {
        Object detail = event.getDetail();
        return detail == StoppedDetail.CRASHED || detail == StoppedDetail.FAILED
                ? DomainState.CRASHED
                : DomainState.SHUTOFF;
    }
}
