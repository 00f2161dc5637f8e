// Command vsphere-sim serves govmomi's vCenter simulator to vijava clients, for Basket's tests only:
// on a loopback address, over TLS with a certificate made at start, with the vijava fixes of
// compat.go and the test-only control endpoint of control.go.
package main

import (
	"flag"
	"log"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/vmware/govmomi/simulator"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on (loopback only)")
	dir := flag.String("dir", ".", "where to write url (the SDK URL) and cert.pem (the server certificate)")
	schema := flag.String("schema", "", "the vijava schema file (see compat.go); none: no filtering")
	user := flag.String("user", "basket", "the one valid user name")
	password := flag.String("password", "basket-secret", "its password")
	hosts := flag.Int("hosts", 3, "hosts of the one cluster")
	vms := flag.Int("vms", 2, "VMs of the cluster's resource pool")
	flag.DurationVar(&relocateTime, "relocate-time", 0, "how long a relocation to another host takes (0: at once, the simulator's own)")
	flag.DurationVar(&cloneTime, "clone-time", 0, "how long a clone of a VM or template takes (0: at once, the simulator's own)")
	ha := flag.Bool("ha", false, "vSphere HA enabled on the cluster")
	drs := flag.String("drs", "manual", "the cluster's DRS: off, manual, partiallyAutomated or fullyAutomated")
	trace := flag.Bool("trace", false, "log every request and answer (before the vijava rewrite)")
	flag.Parse()
	simulator.Trace = *trace

	model := simulator.VPX()
	model.Datacenter = 1
	model.Cluster = 1
	model.ClusterHost = *hosts
	model.Host = 0
	model.Machine = *vms
	model.Autostart = true
	if err := model.Create(); err != nil {
		log.Fatalf("cannot create the model: %s", err)
	}
	defer model.Remove()
	wrapVMs()
	markUplinks()
	configureClusters(*ha, *drs)

	certificate, pem, err := loopbackCertificate()
	if err != nil {
		log.Fatalf("cannot make the certificate: %s", err)
	}
	model.Service.TLS = tlsConfig(certificate)
	model.Service.Listen = &url.URL{Host: *listen, User: url.UserPassword(*user, *password)}
	model.Service.RegisterEndpoints = false

	filter, err := loadSchema(*schema)
	if err != nil {
		log.Fatalf("cannot read the schema: %s", err)
	}
	server := newServer(model, filter)
	defer server.Close()

	if err := writeFile(*dir, "cert.pem", pem); err != nil {
		log.Fatal(err)
	}
	sdk := *server.URL
	sdk.User = nil
	if err := writeFile(*dir, "url", []byte(sdk.String())); err != nil {
		log.Fatal(err)
	}
	log.Printf("vsphere-sim: serving %s", sdk.String())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	// at once: a graceful close would wait for the clients' pending WaitForUpdatesEx calls
	os.Exit(0)
}

func writeFile(dir, name string, content []byte) error {
	temp := dir + "/." + name
	if err := os.WriteFile(temp, content, 0o600); err != nil {
		return err
	}
	return os.Rename(temp, dir+"/"+name)
}
