package cutover_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/cutover"
	"github.com/meething/edge/internal/cutover/cutovertest"
	"github.com/meething/edge/internal/motoserver"
)

// Read against moto: what it reads of a seeded cutover at share 10.
func TestReadAgainstMoto(t *testing.T) {
	endpoint := motoserver.Start(t)
	raw := cutovertest.Seed(t, endpoint, cutovertest.Healthy())
	out, err := cutover.ParseOutputs(raw)
	require.NoError(t, err)
	c := cutover.NewClients(motoserver.Config(endpoint, cutovertest.Region))
	s, err := cutover.Read(motoserver.Context(t), c, out, 30*time.Minute, time.Now())
	require.NoError(t, err)

	require.Len(t, s.Names, 1)
	n := s.Names[0]
	assert.Equal(t, "*.meething.net A", n.Key.String())
	assert.Equal(t, cutover.StageWeighted, n.Stage)
	assert.Equal(t, int64(10), n.Sets[cutover.SetNew].Weight)
	assert.Equal(t, int64(90), n.Sets[cutover.SetOld].Weight)
	assert.Equal(t, out.Cutover.HealthCheckID, n.Sets[cutover.SetNew].HealthCheckID)

	require.NotNil(t, s.Health)
	assert.Equal(t, "CALCULATED", s.Health.Type)
	assert.True(t, s.Health.Healthy, s.Health.Detail)

	require.Len(t, s.TargetGroups, 2)
	for _, tg := range s.TargetGroups {
		assert.Equal(t, cutovertest.Minutes, tg.Datapoints, tg.Service)
		assert.Equal(t, 2.0, tg.MinHealthy, tg.Service)
	}
	assert.Equal(t, 1000.0*cutovertest.Minutes, s.Requests)
	assert.Equal(t, 1.0*cutovertest.Minutes, s.Target5xx)
	assert.Equal(t, 1.0*cutovertest.Minutes, s.ELB5xx)

	assert.Empty(t, s.Latency.OldReason)
	assert.Contains(t, s.Latency.OldALB, "old-edge")
	require.NotNil(t, s.Latency.New)
	require.NotNil(t, s.Latency.Old)
	t.Logf("latency read as %s: new %v, old %v", s.Latency.Stat, *s.Latency.New, *s.Latency.Old)
	assert.InDelta(t, 0.2, *s.Latency.New, 1e-9)
	assert.InDelta(t, 0.25, *s.Latency.Old, 1e-9)
}

// A health check other than CALCULATED is read from its checkers
// (GetHealthCheckStatus; moto's one checker always reports Success).
func TestReadPlainHealthCheckAgainstMoto(t *testing.T) {
	endpoint := motoserver.Start(t)
	w := cutovertest.Healthy()
	w.PlainHealthCheck = true
	out, err := cutover.ParseOutputs(cutovertest.Seed(t, endpoint, w))
	require.NoError(t, err)
	s, err := cutover.Read(motoserver.Context(t), cutover.NewClients(motoserver.Config(endpoint, cutovertest.Region)), out, 30*time.Minute, time.Now())
	require.NoError(t, err)
	require.NotNil(t, s.Health)
	assert.Equal(t, cutover.Health{ID: out.Cutover.HealthCheckID, Type: "HTTPS", Healthy: true, Detail: "1 of 1 checkers report Success"}, *s.Health)
}

// BenchmarkReadAgainstMoto times one Read (every AWS call of a cutover
// status) of a seeded cutover with two target groups.
func BenchmarkReadAgainstMoto(b *testing.B) {
	endpoint := motoserver.Start(b)
	out, err := cutover.ParseOutputs(cutovertest.Seed(b, endpoint, cutovertest.Healthy()))
	require.NoError(b, err)
	c := cutover.NewClients(motoserver.Config(endpoint, cutovertest.Region))
	ctx := motoserver.Context(b)
	for b.Loop() {
		if _, err := cutover.Read(ctx, c, out, 30*time.Minute, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
