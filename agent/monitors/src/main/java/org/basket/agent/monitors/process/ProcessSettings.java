package org.basket.agent.monitors.process;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.basket.agent.monitors.support.CommandLine;
import org.basket.agent.monitors.support.Parameters;
import org.basket.api.monitor.ServiceDefinition;

/** A process service's parameters, checked: exactly one of pidfile and pattern, and the daemon's command. */
record ProcessSettings(String describe, Optional<Path> pidfile, Optional<Pattern> pattern,
                       List<String> command, Optional<Path> directory, Optional<Path> log,
                       Duration startWait, Duration stopGrace) {

    static ProcessSettings of(ServiceDefinition service) {
        Parameters parameters = new Parameters(service);
        ProcessConfig c = parameters.read(ProcessConfig.class);
        Optional<Path> pidfile = text(c.pidfile()).map(Path::of);
        Optional<Pattern> pattern = text(c.pattern()).map(regex -> compile(parameters, regex));
        if (pidfile.isPresent() == pattern.isPresent()) {
            throw parameters.invalid("pidfile", "give exactly one of 'pidfile' and 'pattern'");
        }
        if (pidfile.isPresent() && !pidfile.get().isAbsolute()) {
            throw parameters.invalid("pidfile", pidfile.get() + " is not an absolute path");
        }
        List<String> command = text(c.command()).map(line -> split(parameters, line)).orElse(List.of());
        if (!command.isEmpty() && !new File(command.get(0)).canExecute()) {
            throw parameters.invalid("command", command.get(0) + " is not an executable file (give its full path)");
        }
        Optional<Path> directory = text(c.directory()).map(Path::of);
        if (directory.isPresent() && !directory.get().toFile().isDirectory()) {
            throw parameters.invalid("directory", directory.get() + " is not a directory");
        }
        return new ProcessSettings(parameters.describe(), pidfile, pattern, command, directory,
                text(c.log()).map(Path::of),
                Duration.ofMillis(parameters.positive("start.wait.ms", c.start_wait_ms())),
                Duration.ofMillis(parameters.positive("stop.grace.ms", c.stop_grace_ms())));
    }

    private static Optional<String> text(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Pattern compile(Parameters parameters, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw parameters.invalid("pattern", "not a regular expression: " + e.getDescription());
        }
    }

    private static List<String> split(Parameters parameters, String line) {
        try {
            return CommandLine.split(line);
        } catch (IllegalArgumentException e) {
            throw parameters.invalid("command", e.getMessage());
        }
    }
}
