package org.basket.pacemaker;

import static org.basket.pacemaker.Xml.attr;
import static org.basket.pacemaker.Xml.children;
import static org.basket.pacemaker.Xml.id;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.w3c.dom.Element;

/** {@code fencing-topology}: each device's level for each node it fences (Basket's fence files have a level). */
final class FenceTopology {
    private FenceTopology() {
    }

    static void apply(Element topology, List<CibImport.FenceDevice> devices, List<Unmapped> unmapped) {
        for (Element level : children(topology, "fencing-level")) {
            String target = attr(level, "target");
            if (target == null) {
                unmapped.add(new Unmapped("fencing-level", id(level), "targets nodes by pattern or attribute: Basket's"
                        + " fence files name their host"));
                continue;
            }
            int index;
            try {
                index = Integer.parseInt(attr(level, "index", "1").trim());
            } catch (NumberFormatException e) {
                unmapped.add(new Unmapped("fencing-level", id(level), "index is not a number"));
                continue;
            }
            for (String device : attr(level, "devices", "").split(",")) {
                for (int i = 0; i < devices.size(); i++) {
                    CibImport.FenceDevice d = devices.get(i);
                    if (d.id().equals(device.trim())) {
                        List<String> hosts = new ArrayList<>(d.hosts());
                        if (!hosts.contains(target)) {
                            hosts.add(target);
                        }
                        Map<String, Integer> levels = new TreeMap<>(d.levels());
                        levels.put(target, index);
                        devices.set(i, new CibImport.FenceDevice(d.id(), d.agent(), hosts, d.parameters(), levels));
                    }
                }
            }
        }
    }
}
