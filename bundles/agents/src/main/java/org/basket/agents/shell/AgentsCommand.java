package org.basket.agents.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
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

    @Reference
    GuestAgentAdmin admin;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : new String[] {"VM", "state", "since", "address", "software", "services", "detail"}) {
            table.column(column);
        }
        for (AgentStatus agent : admin.agents()) {
            table.addRow().addContent(agent.vm(), AgentStates.of(agent), agent.since().map(Object::toString).orElse(""),
                    agent.address(), agent.software(), agent.connected() ? agent.services() : "",
                    agent.connected() ? "" : agent.detail());
        }
        table.print(session.getConsole(), true);
        return null;
    }
}
