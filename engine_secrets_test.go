package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
)

// TestEngineKeepsSecretAlarmsSecret runs prod through the real engine. A
// subscription named after its address, as before, is kept under its new
// name by its alias. An on-call address added the way the README says,
// with `pulumi config set --secret --path`, plans only the new
// subscription and the component's recorded addresses (making the key
// secret replaces nothing); the state equals synth's (secrets masked in
// both), and no address is in the stored state in plain text: no URN,
// input or output, not even the one that was plain before. A key that may
// not be secret, set with --secret, stops the preview with a message
// naming the key, not the value.
func TestEngineKeepsSecretAlarmsSecret(t *testing.T) {
	engineCLIRoot(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	const (
		subs          = "urn:pulumi:prod::meething::meething:monitoring:Alarms$aws:sns/topicSubscription:TopicSubscription::"
		firstSub      = subs + "meething-alarms-email-1"
		newSub        = subs + "meething-alarms-email-2"
		componentURN  = "urn:pulumi:prod::meething::meething:monitoring:Alarms::meething"
		formerSubName = "meething-alarms-oncall@meething.net"
	)
	s := newEngineStack(ctx, t, ".", "prod", "")
	s.up(ctx, t)
	firstID := s.state(ctx, t)[firstSub].ID
	require.NotEmpty(t, firstID)

	// A stack deployed when subscriptions were named after their
	// addresses: its alias keeps the subscription, unless the same run
	// makes the addresses secret (no alias then), which in protected prod
	// stops at the old subscription's delete.
	original := s.stackFile(t)
	s.pulumi(ctx, t, "state", "rename", "--yes", firstSub, formerSubName)
	s.pulumi(ctx, t, "config", "set", "--secret", "--path", "meething:alarms.emails[1]", secretAddress)
	var err error
	s.withoutCheckpoints(func() { _, err = s.preview(ctx, t) })
	require.Error(t, err, "made secret in the run that renames, the old subscription is deleted, which protect refuses")
	assert.Contains(t, err.Error(), "protect")
	s.writeStackFile(t, original)
	s.requireNoChange(ctx, t, "subscriptions named after their addresses: the alias keeps them")
	s.up(ctx, t)
	assert.Equal(t, firstID, s.state(ctx, t)[firstSub].ID, "the same subscription, under its new name")

	s.pulumi(ctx, t, "config", "set", "--secret", "--path", "meething:alarms.emails[1]", secretAddress)
	var planned steps
	s.withoutCheckpoints(func() {
		planned, err = s.preview(ctx, t)
		require.NoError(t, err, "preview with a secret address added")
		assert.Equal(t, steps{newSub: "create", componentURN: "update"}, planned,
			"one subscription more, and the component's recorded addresses, now a secret; nothing else touched")
		s.up(ctx, t)
	})
	s.requireNoChange(ctx, t, "adding a secret address")

	t.Setenv("PULUMI_CONFIG_PASSPHRASE", s.env["PULUMI_CONFIG_PASSPHRASE"])
	loaded, err := stackfile.Load(s.project, s.name)
	require.NoError(t, err)
	require.True(t, loaded.Decrypted)
	assert.Equal(t, []string{"meething:alarms"}, loaded.SecretKeys)
	plan, err := synth.Run(loaded, stackFor(loaded.Keys()))
	require.NoError(t, err)
	requireStateMatchesSynth(ctx, t, s.state(ctx, t), plan)

	// As stored: pulumi stack export without --show-secrets (the
	// Automation API's Export shows them).
	deployment := s.pulumi(ctx, t, "stack", "export")
	require.Contains(t, deployment, `"ciphertext"`, "the state holds secrets, encrypted")
	// oncall@meething.net was plain in the first up: once the key is
	// secret, the state holds it encrypted too, in inputs and outputs.
	for _, leak := range []string{secretAddress, strings.Split(secretAddress, "@")[0], "oncall@meething.net"} {
		if i := strings.Index(deployment, leak); i >= 0 {
			t.Errorf("the state holds %q in plain text: ...%s...", leak, deployment[max(0, i-1500):min(len(deployment), i+200)])
		}
	}
	for urn, r := range s.state(ctx, t) {
		assert.NotContains(t, urn, "@", urn)
		if r.Type == typeSubscription {
			assert.Equal(t, synth.SecretPlaceholder, secretsMasked(r.Inputs["endpoint"]), "%s: the endpoint is a secret", urn)
		}
	}

	s.pulumi(ctx, t, "config", "set", "--secret", "meething:idleTimeout", "3217")
	_, err = s.preview(ctx, t)
	require.Error(t, err, "a secret idle timeout is refused")
	assert.Contains(t, err.Error(), `meething:idleTimeout: "[secret]" is secret (set with --secret, or holds a secure: value), but it is a setting, not a secret`)
	assert.NotContains(t, err.Error(), "3217")
}
