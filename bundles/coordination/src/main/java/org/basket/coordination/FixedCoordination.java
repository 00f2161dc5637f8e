package org.basket.coordination;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.RoleListener;

/**
 * A role that never changes: the embedded default (one manager, always the leader of epoch 1, no lease needed) or a
 * configuration that cannot be used (never sure, never acting).
 */
final class FixedCoordination implements Coordination {
    static final long EMBEDDED_EPOCH = 1;

    private final String managerId;
    private final Role role;

    private FixedCoordination(String managerId, Role role) {
        this.managerId = managerId;
        this.role = role;
    }

    static FixedCoordination embedded(String managerId) {
        return new FixedCoordination(managerId, Role.leader(EMBEDDED_EPOCH, Instant.now()));
    }

    static FixedCoordination badConfiguration(String managerId, String why) {
        return new FixedCoordination(managerId, Role.notSure(Role.Doubt.BAD_CONFIGURATION, why, Instant.now()));
    }

    @Override
    public String managerId() {
        return managerId;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public boolean leadsAt(long epoch) {
        return role.kind() == Role.Kind.LEADER && role.epoch() == epoch;
    }

    @Override
    public Duration lease() {
        return Duration.ZERO;
    }

    @Override
    public List<Member> members() throws CoordinationException {
        if (role.kind() == Role.Kind.NOT_SURE) {
            throw new CoordinationException("no coordination: " + role.detail());
        }
        return List.of(new Member(managerId, true, role.kind(), role.epoch(), role.since(), ""));
    }

    @Override
    public void addRoleListener(RoleListener listener) {
        // the role never changes
    }

    @Override
    public void removeRoleListener(RoleListener listener) {
        // the role never changes
    }
}
