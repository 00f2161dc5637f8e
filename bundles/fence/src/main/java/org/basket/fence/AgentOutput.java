package org.basket.fence;

import java.time.Duration;

/** What one run of an agent produced. */
record AgentOutput(int exitCode, String stdout, String stderr, Duration duration) {

    AgentOutput masked(SecretMasker masker) {
        return new AgentOutput(exitCode, masker.mask(stdout), masker.mask(stderr), duration);
    }
}
