package org.basket.agent.monitors.process;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A process service's parameters ({@code param.*} of its resource): exactly one of pidfile and pattern. */
@ObjectClassDefinition(name = "process monitor", description = "A daemon found by its pid file or by a pattern of its command line, started and stopped by the agent.")
public @interface ProcessConfig {
    @AttributeDefinition(name = "pidfile", required = false, description = "Absolute path of the file holding the daemon's process id.")
    String pidfile() default "";

    @AttributeDefinition(name = "pattern", required = false, description = "Regular expression of the daemon's command line.")
    String pattern() default "";

    @AttributeDefinition(name = "command", required = false, description = "The daemon's command line, its executable by full path; empty: it cannot be started.")
    String command() default "";

    @AttributeDefinition(name = "directory", required = false, description = "Working directory of the daemon.")
    String directory() default "";

    @AttributeDefinition(name = "log", required = false, description = "File the daemon's output is appended to.")
    String log() default "";

    @AttributeDefinition(name = "start.wait.ms", description = "How long a started daemon must keep running to count as started.")
    int start_wait_ms() default 500;

    @AttributeDefinition(name = "stop.grace.ms", description = "How long a stopping daemon may take after SIGTERM before SIGKILL.")
    int stop_grace_ms() default 10_000;
}
