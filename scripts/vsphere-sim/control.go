package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// The test-only control endpoint: what happens to hosts and VMs outside the API, applied through the
// simulator's update path so that PropertyCollector clients see it like any change.
//
//	POST /basket-test/host?name=H&connection=connected|disconnected|notResponding
//	POST /basket-test/host?name=H&maintenance=true|false
//	POST /basket-test/bmc?host=H&power=off|on   the host's own power: off cuts it (vCenter then sees it not responding)
//	GET  /basket-test/bmc?host=H                on or off
//	POST /basket-test/vm?name=V&power=poweredOn|poweredOff   behind the client's back
//	POST /basket-test/vm?name=V&host=H                       moved by "vCenter" (DRS, a person)
//	POST /basket-test/vm?name=V&tools=guestToolsRunning|guestToolsNotRunning   VMware Tools in the guest
//	POST /basket-test/vm?name=V&template=true                 powered off and marked as template
//	POST /basket-test/vm?name=V&nics=none                     its network cards removed
//	GET  /basket-test/vminfo?name=V                           its CPUs, memory, first disk, host and .vmx, or "none"
//	GET  /basket-test/nic?name=V                              its first network card's backing and its networks, or "none"
//	GET  /basket-test/datastore-file?path=[DS] F              "present" or "absent"
//	GET  /basket-test/calls?method=M                         how many SDK calls of method M were made
//	GET  /basket-test/relocations?from=H                     how many slow relocations from host H ran, and the most at once: "N M"
//	POST /basket-test/cluster?...                            vSphere HA and DRS (cluster.go)
//	POST /basket-test/fail?method=M&count=N                  the next N calls of M fail (refuse.go)
func newControl() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/basket-test/host", func(w http.ResponseWriter, r *http.Request) {
		host := findHost(r.FormValue("name"))
		if host == nil || r.Method != http.MethodPost {
			http.Error(w, "no such host or not POST", http.StatusNotFound)
			return
		}
		var changes []types.PropertyChange
		if state := r.FormValue("connection"); state != "" {
			changes = append(changes,
				types.PropertyChange{Name: "runtime.connectionState", Val: types.HostSystemConnectionState(state)},
				types.PropertyChange{Name: "summary.runtime.connectionState", Val: types.HostSystemConnectionState(state)})
		}
		if mode := r.FormValue("maintenance"); mode != "" {
			changes = append(changes,
				types.PropertyChange{Name: "runtime.inMaintenanceMode", Val: mode == "true"},
				types.PropertyChange{Name: "summary.runtime.inMaintenanceMode", Val: mode == "true"})
		}
		update(host, changes)
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("/basket-test/bmc", func(w http.ResponseWriter, r *http.Request) {
		host := findHost(r.FormValue("host"))
		if host == nil {
			http.Error(w, "no such host", http.StatusNotFound)
			return
		}
		if r.Method == http.MethodGet {
			if host.Runtime.PowerState == types.HostSystemPowerStatePoweredOff {
				fmt.Fprintln(w, "off")
			} else {
				fmt.Fprintln(w, "on")
			}
			return
		}
		power, connection := types.HostSystemPowerStatePoweredOn, types.HostSystemConnectionStateConnected
		if r.FormValue("power") == "off" {
			power, connection = types.HostSystemPowerStatePoweredOff, types.HostSystemConnectionStateNotResponding
			for _, vm := range vmsOn(host) {
				setPower(vm, types.VirtualMachinePowerStatePoweredOff)
			}
		}
		update(host, []types.PropertyChange{
			{Name: "runtime.powerState", Val: power},
			{Name: "summary.runtime.powerState", Val: power},
			{Name: "runtime.connectionState", Val: connection},
			{Name: "summary.runtime.connectionState", Val: connection},
		})
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("/basket-test/cluster", clusterControl)
	mux.HandleFunc("/basket-test/fail", failControl)
	mux.HandleFunc("/basket-test/calls", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, callsOf(r.FormValue("method")))
	})
	mux.HandleFunc("/basket-test/relocations", func(w http.ResponseWriter, r *http.Request) {
		host := findHost(r.FormValue("from"))
		if host == nil {
			http.Error(w, "no such host", http.StatusNotFound)
			return
		}
		total, most := relocations.from(host.Self.Value)
		fmt.Fprintln(w, total, most)
	})
	mux.HandleFunc("/basket-test/vm", func(w http.ResponseWriter, r *http.Request) {
		vm := findVM(r.FormValue("name"))
		if vm == nil || r.Method != http.MethodPost {
			http.Error(w, "no such VM or not POST", http.StatusNotFound)
			return
		}
		if power := r.FormValue("power"); power != "" {
			setPower(vm, types.VirtualMachinePowerState(power))
		}
		if tools := r.FormValue("tools"); tools != "" && vm.Guest != nil {
			// set here as well: the update path applies only the paths its type table knows
			simulator.Map.WithLock(vm, func() { vm.Guest.ToolsRunningStatus = tools })
			update(vm, []types.PropertyChange{{Name: "guest.toolsRunningStatus", Val: tools}})
		}
		if r.FormValue("template") == "true" {
			// what MarkAsTemplate does to a stopped VM, seen through the update path
			setPower(vm, types.VirtualMachinePowerStatePoweredOff)
			simulator.Map.WithLock(vm, func() { vm.Config.Template = true; vm.Summary.Config.Template = true })
			update(vm, []types.PropertyChange{{Name: "config.template", Val: true}, {Name: "summary.config.template", Val: true}})
		}
		if r.FormValue("nics") == "none" {
			// a VM without network cards (read by RetrieveProperties, not watched)
			simulator.Map.WithLock(vm, func() {
				var kept []types.BaseVirtualDevice
				for _, d := range vm.Config.Hardware.Device {
					if _, card := d.(types.BaseVirtualEthernetCard); !card {
						kept = append(kept, d)
					}
				}
				vm.Config.Hardware.Device = kept
			})
		}
		if name := r.FormValue("host"); name != "" {
			host := findHost(name)
			if host == nil {
				http.Error(w, "no such host", http.StatusNotFound)
				return
			}
			update(vm, []types.PropertyChange{
				{Name: "runtime.host", Val: host.Self},
				{Name: "summary.runtime.host", Val: host.Self},
			})
		}
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("/basket-test/vminfo", func(w http.ResponseWriter, r *http.Request) {
		vm := findVM(r.FormValue("name"))
		if vm == nil {
			fmt.Fprintln(w, "none")
			return
		}
		var out string
		simulator.Map.WithLock(vm, func() {
			var kb int64
			for _, d := range vm.Config.Hardware.Device {
				if disk, ok := d.(*types.VirtualDisk); ok {
					kb = disk.CapacityInKB
					break
				}
			}
			host := ""
			if vm.Runtime.Host != nil {
				if h, ok := simulator.Map.Get(*vm.Runtime.Host).(*simulator.HostSystem); ok {
					host = h.Name
				}
			}
			out = fmt.Sprintf("cpus=%d memory.mb=%d disk.kb=%d host=%s files=%s", vm.Config.Hardware.NumCPU,
				vm.Config.Hardware.MemoryMB, kb, host, vm.Config.Files.VmPathName)
		})
		fmt.Fprintln(w, out)
	})
	mux.HandleFunc("/basket-test/nic", func(w http.ResponseWriter, r *http.Request) {
		vm := findVM(r.FormValue("name"))
		if vm == nil {
			fmt.Fprintln(w, "none")
			return
		}
		var out string
		simulator.Map.WithLock(vm, func() {
			backing := "none"
			for _, d := range vm.Config.Hardware.Device {
				if card, ok := d.(types.BaseVirtualEthernetCard); ok {
					switch b := card.GetVirtualEthernetCard().Backing.(type) {
					case *types.VirtualEthernetCardNetworkBackingInfo:
						backing = "network:" + b.DeviceName
					case *types.VirtualEthernetCardDistributedVirtualPortBackingInfo:
						backing = "portgroup:" + nameOf(types.ManagedObjectReference{Type: "DistributedVirtualPortgroup",
							Value: b.Port.PortgroupKey})
					}
					break
				}
			}
			var networks []string
			for _, ref := range vm.Network {
				networks = append(networks, nameOf(ref))
			}
			out = fmt.Sprintf("nic=%s networks=%s", backing, strings.Join(networks, ","))
		})
		fmt.Fprintln(w, out)
	})
	mux.HandleFunc("/basket-test/datastore-file", func(w http.ResponseWriter, r *http.Request) {
		parts := datastorePath.FindStringSubmatch(r.FormValue("path"))
		if parts == nil {
			http.Error(w, "path=[datastore] file", http.StatusBadRequest)
			return
		}
		for _, e := range simulator.Map.All("Datastore") {
			if ds, ok := e.(*simulator.Datastore); ok && ds.Name == parts[1] {
				if _, err := os.Stat(filepath.Join(ds.Info.GetDatastoreInfo().Url, parts[2])); err == nil {
					fmt.Fprintln(w, "present")
				} else {
					fmt.Fprintln(w, "absent")
				}
				return
			}
		}
		http.Error(w, "no such datastore", http.StatusNotFound)
	})
	return mux
}

var datastorePath = regexp.MustCompile(`^\[([^\]]+)\] ?(.*)$`)

func findHost(name string) *simulator.HostSystem {
	for _, e := range simulator.Map.All("HostSystem") {
		if host, ok := e.(*simulator.HostSystem); ok && host.Name == name {
			return host
		}
	}
	return nil
}

func nameOf(ref types.ManagedObjectReference) string {
	if e, ok := simulator.Map.Get(ref).(mo.Entity); ok {
		return e.Entity().Name
	}
	return "?" + ref.Value
}

func findVM(name string) *simulator.VirtualMachine {
	for _, e := range simulator.Map.All("VirtualMachine") {
		if vm, ok := asVM(e); ok && vm.Name == name {
			return vm
		}
	}
	return nil
}

func vmsOn(host *simulator.HostSystem) []*simulator.VirtualMachine {
	var on []*simulator.VirtualMachine
	for _, e := range simulator.Map.All("VirtualMachine") {
		if vm, ok := asVM(e); ok && vm.Runtime.Host != nil && *vm.Runtime.Host == host.Self {
			on = append(on, vm)
		}
	}
	return on
}

func setPower(vm *simulator.VirtualMachine, state types.VirtualMachinePowerState) {
	update(vm, []types.PropertyChange{
		{Name: "runtime.powerState", Val: state},
		{Name: "summary.runtime.powerState", Val: state},
	})
}

func update(obj mo.Reference, changes []types.PropertyChange) {
	simulator.Map.WithLock(obj, func() { simulator.Map.Update(obj, changes) })
}
