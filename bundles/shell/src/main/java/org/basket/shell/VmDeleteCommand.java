package org.basket.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.api.cluster.ProvisioningException;
import org.basket.api.cluster.VmProvisioning;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "vm-delete", description = "Deletes a VM: its resource configuration is removed (Basket "
        + "stops it), its domain undefined on every host that has it, and its disks deleted unless --keep-disk.")
public class VmDeleteCommand extends HaCommand {

    @Reference
    VmProvisioning provisioning;

    @Argument(index = 0, name = "name", description = "The VM", required = true)
    @Completion(ResourceCompleter.class)
    String name;

    @Option(name = "--keep-disk", description = "Keep its disks")
    boolean keepDisk;

    @Argument(index = 1, name = "flags", description = "--keep-disk written after the name", required = false,
            multiValued = true)
    @Completion(values = {"--keep-disk"}, value = StringsCompleter.class)
    List<String> flags;

    @Override
    protected void run() throws ProvisioningException {
        trailingFlags(flags, "ha:vm-delete NAME [--keep-disk]", Map.of("--keep-disk", () -> keepDisk = true));
        provisioning.delete(name, keepDisk, step -> out.println("  " + step));
        out.println("VM " + name + " deleted" + (keepDisk ? "; its disks are kept." : "."));
    }
}
