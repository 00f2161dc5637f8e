package org.basket.agent.runtime;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.basket.channel.agent.AgentEnrolment;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.agent.EnrolmentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's identity: loaded from the state directory, or on the first start enrolled with the
 * enrolment file's token, retried with a doubling back-off until it succeeds or the agent stops.
 */
final class Enroller {
    private static final Logger LOG = LoggerFactory.getLogger(Enroller.class);
    private static final Duration ENROL_TIMEOUT = Duration.ofSeconds(30);

    private final AgentSettings settings;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Enroller(AgentSettings settings) {
        this.settings = settings;
    }

    /** The identity and where the manager is. */
    record Enrolled(AgentIdentity identity, String managerHost, int managerPort) {
    }

    /** Blocks until the agent has an identity and the manager's address; empty if stopped first. */
    Optional<Enrolled> enrolled() throws InterruptedException {
        Duration wait = settings.enrolRetryMin();
        while (stopped.getCount() > 0) {
            try {
                AgentIdentity identity = obtain();
                EnrolmentFile file = EnrolmentFile.read(settings.enrolFile(), false);
                if (!file.vm().isEmpty() && !file.vm().equals(identity.name())) {
                    LOG.warn("The enrolment file {} names VM {}, but this agent enrolled as {}: it stays {}", file.file(),
                            file.vm(), identity.name(), identity.name());
                }
                return Optional.of(new Enrolled(identity, file.managerHost(), file.managerPort()));
            } catch (EnrolmentException | IOException | GeneralSecurityException | IllegalArgumentException e) {
                LOG.error("Agent cannot reach its manager yet: {}; retrying in {} ms", e.getMessage(), wait.toMillis());
            }
            if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                break;
            }
            Duration doubled = wait.multipliedBy(2);
            wait = doubled.compareTo(settings.enrolRetryMax()) > 0 ? settings.enrolRetryMax() : doubled;
        }
        return Optional.empty();
    }

    void stop() {
        stopped.countDown();
    }

    private AgentIdentity obtain() throws EnrolmentException, IOException, GeneralSecurityException {
        if (AgentIdentity.exists(settings.stateDirectory())) {
            return AgentIdentity.load(settings.stateDirectory());
        }
        EnrolmentFile file = EnrolmentFile.read(settings.enrolFile(), true);
        AgentIdentity identity;
        try {
            identity = AgentEnrolment.enrol(file.enrolment(ENROL_TIMEOUT), settings.stateDirectory());
        } catch (EnrolmentException e) {
            throw new EnrolmentException("enrolment of " + file.vm() + " with the manager at " + file.managerHost() + ":"
                    + file.managerPort() + " (settings from " + file.file() + ") failed: " + e.getMessage());
        }
        try {
            EnrolmentFile.forgetToken(file.file());
        } catch (IOException e) {
            LOG.warn("Enrolled; could not remove the spent token from {} ({}); it is ignored from now on",
                    file.file(), e.getMessage());
        }
        return identity;
    }
}
