package org.basket.channel.agent;

import org.basket.channel.protocol.Command;
import org.basket.channel.protocol.CommandResult;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Carries out the manager's commands, one at a time in the order they came. An exception is
 * answered as a failed result carrying its message.
 */
@ConsumerType
@FunctionalInterface
public interface CommandHandler {
    CommandResult handle(Command command) throws Exception;
}
