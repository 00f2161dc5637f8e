package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.SharedState;
import org.junit.jupiter.api.Test;

/**
 * A manager not sure it leads does not read the leader's digest: without a quorum each read holds the loop for the
 * client's connection timeout, and with it the ALERT that says the manager does not act (seen with three managers
 * on a real ensemble, ManagersOnZooKeeperIT).
 */
class ConfigDigestCheckTest {

    @Test
    void aManagerNotSureItLeadsReadsNothingAndKeepsItsStanding() {
        AtomicInteger reads = new AtomicInteger();
        Leadership.Standing notSure = new Leadership.Standing(false, 0,
                "not acting: manager m3 is not sure it leads (DISCONNECTED)", true);

        Leadership.Standing standing = new ConfigDigestCheck().compare(notSure, null, unreachable(reads), null);

        assertSame(notSure, standing);
        assertEquals(0, reads.get());
    }

    /** A shared state whose ensemble is gone: every call fails, and each read is counted. */
    private static SharedState unreachable(AtomicInteger reads) {
        return new SharedState() {
            @Override
            public void write(long epoch, String key, byte[] value) throws CoordinationException {
                throw new CoordinationException("no quorum");
            }

            @Override
            public void delete(long epoch, String key) throws CoordinationException {
                throw new CoordinationException("no quorum");
            }

            @Override
            public Optional<byte[]> read(String key) throws CoordinationException {
                reads.incrementAndGet();
                throw new CoordinationException("no quorum");
            }

            @Override
            public SortedMap<String, byte[]> readAll(String prefix) throws CoordinationException {
                reads.incrementAndGet();
                throw new CoordinationException("no quorum");
            }

            @Override
            public long reserve(long epoch, String counter, int count) throws CoordinationException {
                throw new CoordinationException("no quorum");
            }
        };
    }
}
