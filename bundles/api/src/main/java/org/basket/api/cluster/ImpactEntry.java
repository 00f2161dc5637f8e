package org.basket.api.cluster;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a hypothetical host reboot or failure does to one resource.
 *
 * @param resource the resource (a VM, or a resource that runs outside any VM)
 * @param effect   what happens to it
 * @param from     the host it runs on now
 * @param to       the host it moves or restarts on, or empty when it runs nowhere or stays
 * @param reason   why, for a human: why a restart is not a live migration, why it cannot run, what disturbs it
 * @param services the guest services inside it that run now, sorted: they keep running when it live-migrates and
 *                 restart with it otherwise
 */
public record ImpactEntry(String resource, Effect effect, String from, String to, String reason, List<String> services) {

    /** What happens to a resource. */
    public enum Effect {
        /** It moves while it runs: no outage. */
        LIVE_MIGRATE,
        /** It stops and starts again on another host: an outage. */
        RESTART,
        /** It stops and no host can take it. */
        CANNOT_RUN,
        /** Basket leaves it as it is (maintenance, or a host Basket must not touch): it goes down with the host. */
        LEFT_AS_IS,
        /** It was also active on another host and keeps running there alone. */
        KEEPS_RUNNING;

        /** The effect as operators read it: {@code live-migrate}, {@code restart}, {@code cannot-run}, ... */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether the resource is down for a while. */
        public boolean isOutage() {
            return this != LIVE_MIGRATE && this != KEEPS_RUNNING;
        }
    }

    public ImpactEntry {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(effect, "effect");
        from = from == null ? "" : from;
        to = to == null ? "" : to;
        reason = reason == null ? "" : reason;
        services = services.stream().sorted().toList();
    }
}
