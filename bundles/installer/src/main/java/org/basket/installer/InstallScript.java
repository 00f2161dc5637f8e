package org.basket.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The standalone install script shipped in this bundle, and the command lines that run it on the guest. */
public final class InstallScript {

    public static final String FILE_NAME = "basket-agent-install.sh";

    private InstallScript() {
    }

    /** The script's text, for callers that ship it elsewhere (the agent archive, cloud-init user data). */
    public static byte[] content() {
        try (InputStream in = InstallScript.class.getResourceAsStream(FILE_NAME)) {
            if (in == null) {
                throw new IllegalStateException(FILE_NAME + " is missing from the installer bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs with the token read from stdin, so it appears in no process list and no log. */
    static String installCommand(String scriptPath, String archivePath, Optional<String> caPath, InstallRequest request) {
        List<String> words = new ArrayList<>(List.of("sh", scriptPath, "install", "--archive", archivePath,
                "--root", request.targetRoot(), "--manager", request.managerAddress(), "--vm", request.vmName(), "--token-stdin"));
        caPath.ifPresent(path -> words.addAll(List.of("--ca", path)));
        return command(words);
    }

    static String uninstallCommand(String scriptPath, String targetRoot) {
        return command(List.of("sh", scriptPath, "uninstall", "--root", targetRoot));
    }

    /** Quotes each word for a POSIX shell: the remote side runs the command line through the user's shell. */
    static String command(List<String> words) {
        return words.stream().map(InstallScript::quote).collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
