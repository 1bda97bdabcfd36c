package adoption

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/meething/edge/internal/adoption/names"
)

func TestUnknown(t *testing.T) {
	imports := map[string]string{"vpc": "vpc-1", "loadbalancer": "x", "targetGroup/web": "y"}
	assert.Equal(t, []string{"loadbalancer", "targetGroup/web"}, Unknown(imports, []string{"vpc", "loadBalancer", "targetGroup/api"}))
	assert.Empty(t, Unknown(nil, []string{"vpc"}))
	assert.True(t, strings.HasPrefix(names.Key("aws:lb/loadBalancer:LoadBalancer", "meething"), "loadBalancer"))
}
