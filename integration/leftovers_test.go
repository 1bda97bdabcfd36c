package integration

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// reportLeftovers logs the resources a failed destroy left in the stack's
// state, and saves the state outside the test's temporary directories (which
// are deleted next, with a file backend in them), so that the destroy can be
// retried after `pulumi stack import`.
func reportLeftovers(t *testing.T, stack auto.Stack) {
	hint := fmt.Sprintf("look for resources tagged Stack=%s in the account", stack.Name())
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dep, err := stack.Export(ctx)
	if err != nil {
		t.Errorf("exporting the state of stack %s: %v; %s", stack.Name(), err, hint)
		return
	}
	if path, err := saveState(stack.Name(), dep); err != nil {
		t.Errorf("saving the state of stack %s: %v", stack.Name(), err)
	} else {
		t.Logf("state of stack %s saved in %s: `pulumi stack import --file` it into a stack of this project to retry the destroy", stack.Name(), path)
	}
	var state struct {
		Resources []struct {
			Type   string `json:"type"`
			ID     string `json:"id"`
			Custom bool   `json:"custom"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(dep.Deployment, &state); err != nil {
		t.Errorf("reading the state of stack %s: %v; %s", stack.Name(), err, hint)
		return
	}
	for _, r := range state.Resources {
		if r.Custom && !strings.HasPrefix(r.Type, "pulumi:providers:") {
			t.Logf("left in stack %s: %s %s", stack.Name(), r.Type, r.ID)
		}
	}
	t.Log(hint)
}

// saveState writes dep to a new file in the system's temporary directory and
// returns its path.
func saveState(stackName string, dep apitype.UntypedDeployment) (string, error) {
	data, err := json.MarshalIndent(dep, "", "  ")
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp("", "meething-"+stackName+"-*.json")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	return f.Name(), errors.Join(err, f.Close())
}
