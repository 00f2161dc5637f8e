package main

import (
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// markUplinks records each distributed switch's uplink port group in its config.uplinkPortgroup, as vCenter does:
// the simulator makes that port group ("<switch>-DVUplinks-<n>") but leaves the list empty.
func markUplinks() {
	for _, e := range simulator.Map.All("DistributedVirtualSwitch") {
		dvs, ok := e.(*simulator.DistributedVirtualSwitch)
		if !ok {
			continue
		}
		var uplinks []types.ManagedObjectReference
		for _, ref := range dvs.Portgroup {
			if pg, ok := simulator.Map.Get(ref).(*simulator.DistributedVirtualPortgroup); ok &&
				strings.HasPrefix(pg.Name, dvs.Name+"-DVUplinks") {
				uplinks = append(uplinks, ref)
			}
		}
		simulator.Map.WithLock(dvs, func() { dvs.Config.GetDVSConfigInfo().UplinkPortgroup = uplinks })
	}
}
