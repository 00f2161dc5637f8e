package org.basket.driver.vmware.internal;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.SelectionSpec;
import com.vmware.vim25.TraversalSpec;
import com.vmware.vim25.UpdateSet;
import com.vmware.vim25.WaitOptions;

/**
 * Follows the endpoint through one PropertyCollector of its own: a container view of every host, VM and
 * cluster, and the task manager's recent tasks, read by WaitForUpdatesEx into the {@link Inventory}; no
 * polling. Runs on a daemon thread until closed or until a call fails, which it reports.
 */
final class Watcher implements AutoCloseable {
    static final String[] HOST_PATHS = { "name", "runtime.connectionState", "runtime.inMaintenanceMode", "runtime.powerState",
            "summary.hardware.numCpuThreads", "summary.hardware.memorySize", "parent" };
    static final String[] VM_PATHS = { "name", "config.instanceUuid", "config.template", "config.hardware.numCPU",
            "config.hardware.memoryMB", "runtime.host", "runtime.powerState", "runtime.connectionState", "guest.toolsRunningStatus" };
    static final String[] CLUSTER_PATHS = { "name", "configurationEx" };
    static final String[] TASK_PATHS = { "info.state", "info.progress", "info.error", "info.entity" };
    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    private static final int MAX_WAIT_SECONDS = 5;

    private final Sdk sdk;
    private final Inventory inventory;
    private final Consumer<List<Inventory.Change>> changes;
    private final Consumer<String> lost;
    private final Thread thread;
    private final ManagedObjectReference collector;
    private volatile boolean closed;

    /** Creates the collector and its filter and reads the whole inventory before returning. */
    Watcher(Sdk sdk, Inventory inventory, Consumer<List<Inventory.Change>> changes, Consumer<String> lost) throws IOException {
        this.sdk = sdk;
        this.inventory = inventory;
        this.changes = changes;
        this.lost = lost;
        this.collector = sdk.port.createPropertyCollector(sdk.content.getPropertyCollector());
        ManagedObjectReference view = sdk.port.createContainerView(sdk.content.getViewManager(), sdk.content.getRootFolder(),
                new String[] { "HostSystem", "VirtualMachine", "ClusterComputeResource" }, true);
        sdk.port.createFilter(collector, filter(view, sdk.content.getTaskManager()), true);
        inventory.clear();
        // a large inventory may come in several truncated sets: all of it is read before attaching
        UpdateSet first = sdk.port.waitForUpdatesEx(collector, "", new WaitOptions());
        inventory.apply(first);
        while (first != null && Boolean.TRUE.equals(first.getTruncated())) {
            first = sdk.port.waitForUpdatesEx(collector, inventory.version(), new WaitOptions());
            if (first != null) {
                inventory.apply(first);
            }
        }
        this.thread = new Thread(this::run, "vmware-" + sdk.endpoint() + "-updates");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        WaitOptions options = new WaitOptions();
        options.setMaxWaitSeconds(MAX_WAIT_SECONDS);
        while (!closed) {
            try {
                UpdateSet updates = sdk.port.waitForUpdatesEx(collector, inventory.version(), options);
                if (updates != null && !closed) {
                    changes.accept(inventory.apply(updates));
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("VMware driver '{}': updates stopped: {}", sdk.endpoint(), Sdk.reason(e));
                    lost.accept(Sdk.reason(e));
                }
                return;
            }
        }
    }

    private static PropertyFilterSpec filter(ManagedObjectReference view, ManagedObjectReference taskManager) {
        PropertyFilterSpec spec = new PropertyFilterSpec();
        spec.setObjectSet(new ObjectSpec[] { traverse(view, "ContainerView", "view"), traverse(taskManager, "TaskManager", "recentTask") });
        spec.setPropSet(new PropertySpec[] { paths("HostSystem", HOST_PATHS), paths("VirtualMachine", VM_PATHS),
                paths("ClusterComputeResource", CLUSTER_PATHS), paths("Task", TASK_PATHS) });
        return spec;
    }

    private static ObjectSpec traverse(ManagedObjectReference from, String type, String path) {
        TraversalSpec traversal = new TraversalSpec();
        traversal.setType(type);
        traversal.setPath(path);
        traversal.setSkip(false);
        ObjectSpec object = new ObjectSpec();
        object.setObj(from);
        object.setSkip(true);
        object.setSelectSet(new SelectionSpec[] { traversal });
        return object;
    }

    private static PropertySpec paths(String type, String[] paths) {
        PropertySpec spec = new PropertySpec();
        spec.setType(type);
        spec.setPathSet(paths);
        return spec;
    }

    /** Stops following; the thread ends with its current wait. */
    @Override
    public void close() {
        closed = true;
        inventory.wakeAll();
    }
}
