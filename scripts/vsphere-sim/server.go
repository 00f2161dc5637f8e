package main

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/vmware/govmomi/simulator"
)

// newServer starts the simulator's server with the SDK's answers rewritten for vijava and the
// test-only control endpoint under /basket-test/.
func newServer(model *simulator.Model, filter *schema) *simulator.Server {
	server := model.Service.NewServer()
	sdk := server.Config.Handler
	control := newControl()
	server.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/basket-test/") {
			control.ServeHTTP(w, r)
			return
		}
		if filter == nil || !strings.HasPrefix(r.URL.Path, "/sdk") {
			sdk.ServeHTTP(w, r)
			return
		}
		recorded := &recorder{header: w.Header(), status: http.StatusOK}
		sdk.ServeHTTP(recorded, r)
		body, err := filter.rewrite(recorded.body.Bytes())
		if err != nil {
			http.Error(w, "vsphere-sim: cannot rewrite the answer: "+err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(recorded.status)
		_, _ = w.Write(body)
	})
	return server
}

type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }
