package adoption

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/meething/edge/internal/adoption/identity"
)

func TestUnknown(t *testing.T) {
	imports := map[string]string{"vpc": "vpc-1", "loadbalancer": "x", "targetGroup/web": "y"}
	assert.Equal(t, []string{"loadbalancer", "targetGroup/web"}, Unknown(imports, []string{"vpc", "loadBalancer", "targetGroup/api"}))
	assert.Empty(t, Unknown(nil, []string{"vpc"}))
	assert.True(t, strings.HasPrefix(identity.Key("aws:lb/loadBalancer:LoadBalancer", "meething"), "loadBalancer"))
}
