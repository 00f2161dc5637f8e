package org.basket.agents.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.basket.agents.AgentStates;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.GuestAgentAdmin;

@Service
@Command(scope = "ha", name = "agents", description = "Lists the in-guest agents: connected, enrolled, token issued or revoked.")
public class AgentsCommand implements Action {

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Reference
    GuestAgentAdmin admin;

    @Reference
    Session session;

    @Override
    public Object execute() {
        run(session.getConsole());
        return null;
    }

    void run(PrintStream out) {
        List<AgentStatus> agents = admin.agents();
        if (json) {
            out.println(JsonRows.write(agents.stream().map(AgentsCommand::row).toList()));
            return;
        }
        ShellTable table = new ShellTable();
        for (String column : new String[] {"VM", "state", "since", "address", "software", "services", "detail"}) {
            table.column(column);
        }
        for (AgentStatus agent : agents) {
            table.addRow().addContent(agent.vm(), AgentStates.of(agent), agent.since().map(Object::toString).orElse(""),
                    agent.address(), agent.software(), agent.connected() ? agent.services() : "",
                    agent.connected() ? "" : agent.detail());
        }
        table.print(out, true);
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
