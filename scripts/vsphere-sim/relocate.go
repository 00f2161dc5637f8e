package main

import (
	"sync"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// The simulator's RelocateVM_Task completes before its call returns, and it has no CancelTask. With
// -relocate-time > 0 every VM is wrapped so that a relocation to another host takes that long, in ten steps
// that raise info.progress, and its task can be cancelled (the VM then stays where it was).
var relocateTime time.Duration

// slowVM embeds a copy of the VM by value, which replaces the original in the registry: the simulator's
// PropertyCollector finds the managed object in a wrapper's first field only when it is a struct.
type slowVM struct {
	simulator.VirtualMachine
}

// cancelled holds the tasks a client asked to cancel (CancelTask, answered by server.go).
var cancelled sync.Map

func wrapVMs() {
	if relocateTime <= 0 && cloneTime <= 0 {
		return
	}
	for _, e := range simulator.Map.All("VirtualMachine") {
		if vm, ok := e.(*simulator.VirtualMachine); ok {
			simulator.Map.Put(&slowVM{VirtualMachine: *vm})
		}
	}
}

func (vm *slowVM) RelocateVMTask(ctx *simulator.Context, req *types.RelocateVM_Task) soap.HasFault {
	if req.Spec.Host == nil || relocateTime <= 0 {
		return vm.VirtualMachine.RelocateVMTask(ctx, req)
	}
	target := *req.Spec.Host
	source := vm.Runtime.Host
	task := simulator.CreateTask(vm, "relocateVm", func(t *simulator.Task) (types.AnyType, types.BaseMethodFault) {
		if source != nil {
			relocations.begin(source.Value)
			defer relocations.end(source.Value)
		}
		const steps = 10
		for i := 1; i < steps; i++ {
			time.Sleep(relocateTime / steps)
			if _, ok := cancelled.Load(t.Self.Value); ok {
				return nil, new(types.RequestCanceled)
			}
			simulator.Map.Update(t, []types.PropertyChange{{Name: "info.progress", Val: int32(i * 100 / steps)}})
		}
		time.Sleep(relocateTime / steps)
		update(&vm.VirtualMachine, []types.PropertyChange{
			{Name: "runtime.host", Val: target},
			{Name: "summary.runtime.host", Val: target},
		})
		return nil, nil
	})
	go task.Run()
	return &methods.RelocateVM_TaskBody{Res: &types.RelocateVM_TaskResponse{Returnval: task.Self}}
}

// relocations counts the slow relocations from each host (by its reference) while they run: how many ran, and the
// most at once. A relocation ends here before its task succeeds, so one that a client starts after the other's
// success is never counted as overlapping it.
var relocations = &relocationCount{running: map[string]int{}, total: map[string]int{}, most: map[string]int{}}

type relocationCount struct {
	sync.Mutex
	running, total, most map[string]int
}

func (c *relocationCount) begin(host string) {
	c.Lock()
	defer c.Unlock()
	c.running[host]++
	c.total[host]++
	if c.running[host] > c.most[host] {
		c.most[host] = c.running[host]
	}
}

func (c *relocationCount) end(host string) {
	c.Lock()
	defer c.Unlock()
	c.running[host]--
}

// from is how many relocations from the host ran, and the most at once.
func (c *relocationCount) from(host string) (int, int) {
	c.Lock()
	defer c.Unlock()
	return c.total[host], c.most[host]
}

// asVM is the simulator's VM of a registry entry, wrapped or not.
func asVM(e interface{}) (*simulator.VirtualMachine, bool) {
	switch vm := e.(type) {
	case *simulator.VirtualMachine:
		return vm, true
	case *slowVM:
		return &vm.VirtualMachine, true
	}
	return nil, false
}

// The simulator's CloneVM_Task also completes before its call returns, with no progress. With -clone-time > 0 the
// clone is made at once on the RelocateSpec's host (vCenter shows a clone being made as well) and its task ends after
// that long, in ten steps that raise info.progress; it fails with HostNotConnected, the clone left registered, when
// the host the clone is for (the RelocateSpec's, else the template's) stops responding meanwhile.
var cloneTime time.Duration

func (vm *slowVM) CloneVMTask(ctx *simulator.Context, req *types.CloneVM_Task) soap.HasFault {
	made := vm.VirtualMachine.CloneVMTask(ctx, req)
	body, ok := made.(*methods.CloneVM_TaskBody)
	if cloneTime <= 0 || !ok || body.Res == nil {
		return made
	}
	inner, ok := simulator.Map.Get(body.Res.Returnval).(*simulator.Task)
	if !ok || inner.Info.Error != nil {
		return made
	}
	target := req.Spec.Location.Host
	if target == nil {
		target = vm.Runtime.Host
	} else if clone, ok := asVM(simulator.Map.Get(inner.Info.Result.(types.ManagedObjectReference))); ok {
		// as vCenter does, and the simulator's own clone does not: the clone is on the RelocateSpec's host
		update(clone, []types.PropertyChange{{Name: "runtime.host", Val: *target}, {Name: "summary.runtime.host", Val: *target}})
	}
	task := simulator.CreateTask(vm, "cloneVm", func(t *simulator.Task) (types.AnyType, types.BaseMethodFault) {
		const steps = 10
		for i := 1; i <= steps; i++ {
			time.Sleep(cloneTime / steps)
			if _, ok := cancelled.Load(t.Self.Value); ok {
				return nil, new(types.RequestCanceled)
			}
			if host, ok := simulator.Map.Get(*target).(*simulator.HostSystem); ok {
				var state types.HostSystemConnectionState
				simulator.Map.WithLock(host, func() { state = host.Runtime.ConnectionState })
				if state != types.HostSystemConnectionStateConnected {
					return nil, &types.HostNotConnected{}
				}
			}
			if i < steps {
				simulator.Map.Update(t, []types.PropertyChange{{Name: "info.progress", Val: int32(i * 100 / steps)}})
			}
		}
		return inner.Info.Result, nil
	})
	go task.Run()
	return &methods.CloneVM_TaskBody{Res: &types.CloneVM_TaskResponse{Returnval: task.Self}}
}
