package org.basket.agent.runtime;

import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.StateChange;

/** Where results and state changes go: the manager while a session is open; dropped otherwise (resent on connect). */
interface Reports {
    void result(MonitorResult result);

    void change(StateChange change);
}
