package org.basket.fence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes tiny shell fence agents into a test's directory: metadata from {@code -o metadata}, else the body. */
final class FakeAgents {
    static final String PARAMETERS = """
            <parameter name="action" required="1"><content type="string"/></parameter>
            <parameter name="ip" required="1" obsoletes="ipaddr"><content type="string"/></parameter>
            <parameter name="ipaddr" required="1" deprecated="1"><content type="string"/></parameter>
            <parameter name="ipport"><content type="integer"/></parameter>
            <parameter name="password" obsoletes="passwd"><content type="string"/></parameter>
            <parameter name="passwd" deprecated="1"><content type="string"/></parameter>
            <parameter name="snmp_priv_passwd"><content type="string"/></parameter>
            <parameter name="credential"><content type="password"/></parameter>
            <parameter name="verbose"><content type="boolean"/></parameter>
            """;

    private FakeAgents() {
    }

    static Path write(Path directory, String name, String body) throws IOException {
        return write(directory, name, PARAMETERS, body);
    }

    static Path write(Path directory, String name, String parameters, String body) throws IOException {
        Path agent = directory.resolve(name);
        Files.writeString(agent, """
                #!/bin/sh
                if [ "$1" = "-o" ] && [ "$2" = "metadata" ]; then
                cat <<'METADATA'
                <?xml version="1.0" ?>
                <resource-agent name="%s" shortdesc="Fake agent for tests">
                <parameters>
                %s</parameters>
                <actions><action name="on"/><action name="off"/><action name="status"/><action name="monitor"/><action name="metadata"/></actions>
                </resource-agent>
                METADATA
                exit 0
                fi
                %s
                """.formatted(name, parameters, body));
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));
        return agent;
    }
}
