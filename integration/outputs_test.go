package integration

import (
	"errors"
	"fmt"
	"net/url"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
)

// deployment is what the checks need from the stack's outputs.
type deployment struct {
	// albDNSName is the load balancer's own DNS name (albDnsName).
	albDNSName string
	// nameServers are the hosted zone's name servers (nameServers).
	nameServers []string
	// services are the services by name, from serviceUrls.
	services []service
}

// service is one entry of serviceUrls.
type service struct {
	name string
	// host is the host of the service's URL, <name>.<domain>.
	host string
}

// readOutputs reads the outputs the checks use, reporting every one that is
// missing or malformed.
func readOutputs(outs auto.OutputMap) (deployment, error) {
	var d deployment
	var errs []error

	if s, ok := outs["albDnsName"].Value.(string); ok && s != "" {
		d.albDNSName = s
	} else {
		errs = append(errs, fmt.Errorf("albDnsName is %#v, want a DNS name", outs["albDnsName"].Value))
	}

	ns, _ := outs["nameServers"].Value.([]any)
	for _, v := range ns {
		if s, ok := v.(string); ok && s != "" {
			d.nameServers = append(d.nameServers, s)
		}
	}
	if len(d.nameServers) == 0 || len(d.nameServers) != len(ns) {
		errs = append(errs, fmt.Errorf("nameServers is %#v, want a list of DNS names", outs["nameServers"].Value))
	}

	urls, ok := outs["serviceUrls"].Value.(map[string]any)
	if !ok || len(urls) == 0 {
		errs = append(errs, fmt.Errorf("serviceUrls is %#v, want a map of service name to URL", outs["serviceUrls"].Value))
	}
	for name, v := range urls {
		s, _ := v.(string)
		u, err := url.Parse(s)
		if err != nil || u.Scheme != "https" || u.Hostname() == "" {
			errs = append(errs, fmt.Errorf("serviceUrls[%s] is %#v, want https://<host>", name, v))
			continue
		}
		d.services = append(d.services, service{name: name, host: u.Hostname()})
	}
	sort.Slice(d.services, func(i, j int) bool { return d.services[i].name < d.services[j].name })

	return d, errors.Join(errs...)
}
