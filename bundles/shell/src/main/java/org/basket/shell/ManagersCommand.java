package org.basket.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;
import org.basket.shell.support.JsonCommand;

@Service
@Command(scope = "ha", name = "managers", description = "Lists the managers of this cluster: who leads, since when, in "
        + "which epoch, and each one's ZooKeeper session; on the embedded default, this manager alone.")
public class ManagersCommand extends JsonCommand {

    @Reference(optional = true)
    Coordination coordination;

    @Override
    protected void run() {
        if (coordination == null) {
            throw new IllegalStateException("no coordination service: install the basket-coordination bundle "
                    + "(feature basket-coordination-zookeeper for several managers)");
        }
        Role role = coordination.role();
        List<Member> members;
        String unavailable = "";
        try {
            members = coordination.members();
        } catch (CoordinationException e) {
            members = List.of();
            unavailable = e.getMessage();
        }
        List<Map<String, Object>> rows = members.stream().map(ManagersCommand::row).toList();
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("self", coordination.managerId());
            all.put("role", role.kind().name());
            all.put("epoch", role.epoch());
            all.put("leader", role.leader());
            all.put("doubt", role.doubt() == null ? null : role.doubt().name());
            all.put("detail", role.detail());
            all.put("since", role.since().toString());
            all.put("managers", rows);
            all.put("managersUnavailable", unavailable.isEmpty() ? null : unavailable);
            printJson(all);
            return;
        }
        out.println("This manager: " + coordination.managerId() + ", " + role + " since " + role.since());
        if (!unavailable.isEmpty()) {
            out.println("The managers cannot be listed: " + unavailable);
            return;
        }
        printTable(rows.stream().map(ManagersCommand::shown).toList(), "id", "leader", "role", "epoch", "since", "session");
    }

    /** The table marks the leader with a star. */
    private static Map<String, Object> shown(Map<String, Object> row) {
        Map<String, Object> shown = new LinkedHashMap<>(row);
        shown.put("leader", Boolean.TRUE.equals(row.get("leader")) ? "*" : "");
        return shown;
    }

    private static Map<String, Object> row(Member member) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", member.id());
        row.put("leader", member.leader());
        row.put("role", member.kind().name());
        row.put("epoch", member.epoch());
        row.put("since", member.since().toString());
        row.put("session", member.session());
        return row;
    }
}
