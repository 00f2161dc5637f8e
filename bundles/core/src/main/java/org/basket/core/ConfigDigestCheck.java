package org.basket.core;

import java.util.Optional;

import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.SharedState;
import org.basket.api.model.ClusterConfig;
import org.basket.core.config.ConfigHash;
import org.basket.core.config.ConfigStore;
import org.basket.core.journal.SharedJournal;

/**
 * The leader tells the others the digest of the definitions it acts on; another manager whose definitions differ says
 * so, since it would act on its own if it took over.
 */
final class ConfigDigestCheck {
    /** The definitions last hashed and their digest; the digest this leader last shared. */
    private ClusterConfig hashedConfig;
    private String configHash = "";
    private String sharedConfigHash = "";

    Leadership.Standing compare(Leadership.Standing standing, ConfigStore.Result stored, SharedState state,
            Durable durable) {
        // not sure it leads: no read, which without the ensemble would hold the loop (and this alert) for seconds
        if (state == null || standing.alarming()) {
            return standing;
        }
        if (stored.config() != hashedConfig) {
            hashedConfig = stored.config();
            configHash = ConfigHash.of(stored);
        }
        if (standing.leads()) {
            if (!configHash.equals(sharedConfigHash) && durable.shareConfigHash(configHash)) {
                sharedConfigHash = configHash;
            }
            return standing;
        }
        sharedConfigHash = "";
        Optional<String> leaders;
        try {
            leaders = new SharedJournal(state, standing.epoch()).configHash();
        } catch (CoordinationException e) {
            return standing;
        }
        if (leaders.isEmpty() || leaders.get().equals(configHash)) {
            return standing;
        }
        return new Leadership.Standing(false, standing.epoch(), standing.status() + "; its definitions differ from the "
                + "leader's (digest " + configHash + " here, " + leaders.get() + " on the leader): it would act on its own "
                + "if it took over", true);
    }
}
