package main

import (
	"fmt"
	"net/http"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// The simulator's clusters have DRS enabled with no default behaviour, which vSphere reads as fully
// automated. configureClusters sets every cluster's vSphere HA and DRS as the flags say (a real vCenter's
// cluster is configured by its operator), and /basket-test/cluster changes them at run time:
//
//	POST /basket-test/cluster?name=C&ha=true|false&drs=off|manual|partiallyAutomated|fullyAutomated
func configureClusters(ha bool, drs string) {
	for _, e := range simulator.Map.All("ClusterComputeResource") {
		if cluster, ok := e.(*simulator.ClusterComputeResource); ok {
			setCluster(cluster, ha, drs)
		}
	}
}

func setCluster(cluster *simulator.ClusterComputeResource, ha bool, drs string) {
	config, _ := cluster.ConfigurationEx.(*types.ClusterConfigInfoEx)
	if config == nil {
		config = new(types.ClusterConfigInfoEx)
	}
	changed := *config
	changed.DasConfig.Enabled = types.NewBool(ha)
	changed.DrsConfig.Enabled = types.NewBool(drs != "off")
	if drs != "off" {
		changed.DrsConfig.DefaultVmBehavior = types.DrsBehavior(drs)
	}
	update(cluster, []types.PropertyChange{{Name: "configurationEx", Val: &changed}})
}

func clusterControl(w http.ResponseWriter, r *http.Request) {
	for _, e := range simulator.Map.All("ClusterComputeResource") {
		if cluster, ok := e.(*simulator.ClusterComputeResource); ok && cluster.Name == r.FormValue("name") && r.Method == http.MethodPost {
			setCluster(cluster, r.FormValue("ha") == "true", r.FormValue("drs"))
			fmt.Fprintln(w, "ok")
			return
		}
	}
	http.Error(w, "no such cluster or not POST", http.StatusNotFound)
}
