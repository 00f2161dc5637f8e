package org.basket.agents.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.agents.AgentStates;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.GuestAgentAdmin;
import org.basket.shell.support.JsonCommand;

@Service
@Command(scope = "ha", name = "agents", description = "Lists the in-guest agents: connected, enrolled, token issued or revoked.")
public class AgentsCommand extends JsonCommand {

    @Reference
    GuestAgentAdmin admin;

    @Override
    protected void run() {
        List<AgentStatus> agents = admin.agents();
        if (json) {
            printJson(agents.stream().map(AgentsCommand::row).toList());
        } else {
            printTable(agents.stream().map(AgentsCommand::tableRow).toList(), COLUMNS);
        }
    }

    private static final String[] COLUMNS = {"VM", "state", "since", "address", "software", "services", "detail"};

    /** The table's row: the address and software an agent had when it was last connected show as well. */
    private static Map<String, Object> tableRow(AgentStatus agent) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("VM", agent.vm());
        row.put("state", AgentStates.of(agent));
        row.put("since", agent.since().map(Object::toString).orElse(""));
        row.put("address", agent.address());
        row.put("software", agent.software());
        row.put("services", agent.connected() ? agent.services() : "");
        row.put("detail", agent.connected() ? "" : agent.detail());
        return row;
    }

    /** One agent for JSON: what the table shows, typed; the figures of a session only while it is connected. */
    private static Map<String, Object> row(AgentStatus agent) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vm", agent.vm());
        row.put("state", AgentStates.of(agent));
        row.put("enrolled", agent.enrolled());
        row.put("connected", agent.connected());
        row.put("since", agent.since().map(Object::toString).orElse(null));
        row.put("address", agent.connected() ? agent.address() : null);
        row.put("software", agent.connected() ? agent.software() : null);
        row.put("services", agent.connected() ? agent.services() : null);
        row.put("detail", agent.connected() ? null : agent.detail());
        return row;
    }
}
