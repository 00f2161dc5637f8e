package main

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"sync"
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
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if method := soapMethod.FindSubmatch(body); method != nil {
			countCall(string(method[1]))
			if fault := refusal(string(method[1]), body); fault != "" {
				w.Header().Set("Content-Type", "text/xml; charset=utf-8")
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte(fault))
				return
			}
		}
		if task := cancelTask.FindSubmatch(body); task != nil {
			cancelled.Store(string(task[1]), true)
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			_, _ = w.Write([]byte(cancelTaskResponse))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		recorded := &recorder{header: w.Header(), status: http.StatusOK}
		sdk.ServeHTTP(recorded, r)
		rewritten, err := filter.rewrite(recorded.body.Bytes())
		if err != nil {
			http.Error(w, "vsphere-sim: cannot rewrite the answer: "+err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(recorded.status)
		_, _ = w.Write(rewritten)
	})
	return server
}

// Every SDK call is counted by method, so that tests can tell which call a client made (GET /basket-test/calls?method=M).
var soapMethod = regexp.MustCompile(`<(?:\w+:)?Body>\s*<(\w+)`)

var calls = struct {
	sync.Mutex
	count map[string]int
}{count: map[string]int{}}

func countCall(method string) {
	calls.Lock()
	calls.count[method]++
	calls.Unlock()
}

func callsOf(method string) int {
	calls.Lock()
	defer calls.Unlock()
	return calls.count[method]
}

// The simulator has no CancelTask: it is answered here, and the relocations of relocate.go heed it.
var cancelTask = regexp.MustCompile(`<CancelTask[ >][\s\S]*?<_this[^>]*>([^<]+)</_this>`)

const cancelTaskResponse = `<?xml version="1.0" encoding="UTF-8"?>` +
	`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
	`<soapenv:Body><CancelTaskResponse xmlns="urn:vim25"></CancelTaskResponse></soapenv:Body></soapenv:Envelope>`

type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }
