package org.basket.coordination;

import java.util.List;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.basket.api.coordination.StaleEpochException;

/** A leader's write that lands only while its epoch is the newest: the epoch check and the change in one transaction. */
final class EpochCommit {
    private EpochCommit() {
    }

    /**
     * Throws {@link StaleEpochException} if the epoch moved on; returns OK, or the change's own error code (absent,
     * existing, changed meanwhile) for the caller to decide.
     */
    static Code commit(ZooKeeper zk, String epochNode, long epoch, String what, Op change)
            throws KeeperException, InterruptedException, StaleEpochException {
        if (epoch < 1 || epoch > Integer.MAX_VALUE) {
            throw new StaleEpochException(epoch, what);
        }
        try {
            zk.multi(List.of(Op.check(epochNode, (int) epoch), change));
            return Code.OK;
        } catch (KeeperException e) {
            List<OpResult> results = e.getResults();
            if (results == null || results.size() < 2) {
                throw e;
            }
            if (results.get(0) instanceof OpResult.ErrorResult check && check.getErr() != Code.OK.intValue()
                    && check.getErr() != Code.RUNTIMEINCONSISTENCY.intValue()) {
                throw new StaleEpochException(epoch, what);
            }
            if (results.get(1) instanceof OpResult.ErrorResult failed) {
                Code code = Code.get(failed.getErr());
                if (code == Code.NONODE || code == Code.NODEEXISTS || code == Code.BADVERSION) {
                    return code;
                }
            }
            throw e;
        }
    }
}
