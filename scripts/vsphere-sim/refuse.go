package main

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// Like a real vCenter, the simulator main refuses to relocate or power on a VM whose host is not responding
// or disconnected: vCenter cannot reach that host, so it answers HostNotConnected (govmomi's simulator alone
// would move it). Such a VM is recovered by UnregisterVM and RegisterVM_Task on a host in reach.
var (
	refusedOnLostHost = map[string]bool{"RelocateVM_Task": true, "PowerOnVM_Task": true}
	thisRef           = regexp.MustCompile(`<_this[^>]*>([^<]+)</_this>`)
)

// refusal is the fault answered to method (called on the object of body), or "" when the call may go on.
func refusal(method string, body []byte) string {
	if n := takeInjected(method); n != "" {
		return n
	}
	if !refusedOnLostHost[method] {
		return ""
	}
	this := thisRef.FindSubmatch(body)
	if this == nil {
		return ""
	}
	vm, ok := asVM(simulator.Map.Get(types.ManagedObjectReference{Type: "VirtualMachine", Value: string(this[1])}))
	if !ok {
		return ""
	}
	var host *simulator.HostSystem
	simulator.Map.WithLock(vm, func() {
		if vm.Runtime.Host != nil {
			host, _ = simulator.Map.Get(*vm.Runtime.Host).(*simulator.HostSystem)
		}
	})
	if host == nil {
		return ""
	}
	var state types.HostSystemConnectionState
	simulator.Map.WithLock(host, func() { state = host.Runtime.ConnectionState })
	if state == types.HostSystemConnectionStateConnected {
		return ""
	}
	return soapFault("HostNotConnected", fmt.Sprintf("host %s of VM %s is %s", host.Name, vm.Name, state), "")
}

// Faults a test asks for: POST /basket-test/fail?method=M&count=N answers the next N calls of M with a FileNotFound fault.
var injected = struct {
	sync.Mutex
	left map[string]int
}{left: map[string]int{}}

func failControl(w http.ResponseWriter, r *http.Request) {
	var count int
	if _, err := fmt.Sscan(r.FormValue("count"), &count); err != nil || r.FormValue("method") == "" || r.Method != http.MethodPost {
		http.Error(w, "POST method=M&count=N", http.StatusBadRequest)
		return
	}
	injected.Lock()
	injected.left[r.FormValue("method")] = count
	injected.Unlock()
	fmt.Fprintln(w, "ok")
}

func takeInjected(method string) string {
	injected.Lock()
	defer injected.Unlock()
	if injected.left[method] <= 0 {
		return ""
	}
	injected.left[method]--
	return soapFault("FileNotFound", "injected by the test: the file cannot be read", "<file>injected by the test</file>")
}

func soapFault(kind, message, inner string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` +
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<soapenv:Body><soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>` + html.EscapeString(message) +
		`</faultstring><detail><` + kind + `Fault xmlns="urn:vim25" xsi:type="` + kind + `">` + inner + `</` + kind +
		`Fault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
}
