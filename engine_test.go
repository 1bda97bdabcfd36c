package main

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/testprovider"
)

// TestEngineDeploysDevAfterProdInOneAccount deploys prod, then dev, into
// one account that holds only the live meething.net zone (a fresh account,
// or a rebuild in another region), as the README orders: each converges
// (a second preview plans nothing, prod's also after dev's delegation is
// written into its zone), and destroying dev leaves the account as prod
// left it.
func TestEngineDeploysDevAfterProdInOneAccount(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	account, _ := liveZoneAccount(t)

	prod := newEngineStack(ctx, t, ".", "prod", account)
	prod.up(ctx, t)
	prod.requireNoChange(ctx, t, "prod's first up")
	withProd := prod.accountKeys(t)

	dev := newEngineStack(ctx, t, ".", "dev", account)
	dev.up(ctx, t)
	dev.requireNoChange(ctx, t, "dev's first up")
	prod.requireNoChange(ctx, t, "dev's first up")

	_, err := dev.destroy(ctx, t)
	require.NoError(t, err, "destroying dev")
	left := dev.accountKeys(t)
	assert.Subset(t, slices.Collect(maps.Keys(left)), slices.Collect(maps.Keys(withProd)), "destroying dev deletes nothing prod created")
	prod.requireNoChange(ctx, t, "destroying dev")
}

// TestEngineSharesTheQueryLogPolicy deploys prod, then dev with query logs
// too, into one account: the account holds one query-log resource policy,
// not one per stack (10 per region, not adjustable), dev's up takes it
// over without changing what prod relies on, and destroying dev leaves it
// in place for prod, whose next preview plans nothing.
func TestEngineSharesTheQueryLogPolicy(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	account, _ := liveZoneAccount(t)
	const policyType = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy"
	policies := func(s *engineStack) []string {
		var out []string
		for k := range s.accountKeys(t) {
			if strings.HasPrefix(k, policyType+" ") {
				out = append(out, k)
			}
		}
		return out
	}
	shared := testprovider.Key(policyType, "meething-route53-query-logs")

	prod := newEngineStack(ctx, t, ".", "prod", account)
	prod.up(ctx, t)
	require.Equal(t, []string{shared}, policies(prod), "prod creates the shared policy")

	dev := newEngineStack(ctx, t, ".", "dev", account)
	file := dev.stackFile(t)
	file["config"].(map[string]any)["meething:queryLogs"] = map[string]any{"enabled": true}
	dev.writeStackFile(t, file)
	dev.up(ctx, t)
	dev.requireNoChange(ctx, t, "dev's first up with query logs")
	assert.Equal(t, []string{shared}, policies(dev), "dev takes the one policy over: still one in the account")
	prod.requireNoChange(ctx, t, "dev's first up with query logs")

	_, err := dev.destroy(ctx, t)
	require.NoError(t, err, "destroying dev")
	assert.Equal(t, []string{shared}, policies(dev), "destroying dev keeps the policy prod's query logs need")
	prod.requireNoChange(ctx, t, "destroying dev")
}
