package layout

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPublicSubnets(t *testing.T) {
	defaultVpc := []ExistingSubnet{
		{ID: "subnet-000000a1", Zone: "ap-northeast-2a", DefaultForAz: true},
		{ID: "subnet-000000b1", Zone: "ap-northeast-2b", DefaultForAz: true},
		{ID: "subnet-000000c1", Zone: "ap-northeast-2c", DefaultForAz: true},
		{ID: "subnet-000000d1", Zone: "ap-northeast-2d", DefaultForAz: true},
	}
	mainToInternet := []RouteTable{{ID: "rtb-00000001", Main: true, Internet: true}}

	tests := []struct {
		name    string
		subnets []ExistingSubnet
		tables  []RouteTable
		zones   []string
		want    map[string]string
		wantErr string
	}{
		{
			name:    "default VPC: every subnet uses the main table, which leads to the gateway",
			subnets: defaultVpc, tables: mainToInternet,
			want: map[string]string{"ap-northeast-2a": "subnet-000000a1", "ap-northeast-2b": "subnet-000000b1", "ap-northeast-2c": "subnet-000000c1", "ap-northeast-2d": "subnet-000000d1"},
		},
		{
			name:    "zones narrow the choice",
			subnets: defaultVpc, tables: mainToInternet, zones: []string{"ap-northeast-2a", "ap-northeast-2c"},
			want: map[string]string{"ap-northeast-2a": "subnet-000000a1", "ap-northeast-2c": "subnet-000000c1"},
		},
		{
			name:    "an explicit association to a private table wins over the main table",
			subnets: defaultVpc,
			tables: []RouteTable{
				{ID: "rtb-00000001", Main: true, Internet: true},
				{ID: "rtb-00000002", Subnets: []string{"subnet-000000a1", "subnet-000000b1"}},
			},
			want: map[string]string{"ap-northeast-2c": "subnet-000000c1", "ap-northeast-2d": "subnet-000000d1"},
		},
		{
			name: "one per zone: the zone's default subnet first, then the lowest ID",
			subnets: []ExistingSubnet{
				{ID: "subnet-000000a9", Zone: "ap-northeast-2a"},
				{ID: "subnet-000000a5", Zone: "ap-northeast-2a"},
				{ID: "subnet-000000b9", Zone: "ap-northeast-2b"},
				{ID: "subnet-000000b1", Zone: "ap-northeast-2b", DefaultForAz: true},
			},
			tables: mainToInternet,
			want:   map[string]string{"ap-northeast-2a": "subnet-000000a5", "ap-northeast-2b": "subnet-000000b1"},
		},
		{
			name:    "a private VPC has none",
			subnets: defaultVpc, tables: []RouteTable{{ID: "rtb-00000001", Main: true}},
			wantErr: "found public subnets in 0 zone(s) [], and an application load balancer needs two; subnets without a route to an internet gateway: [subnet-000000a1, subnet-000000b1, subnet-000000c1, subnet-000000d1]",
		},
		{
			name:    "one public zone is not enough",
			subnets: defaultVpc, tables: mainToInternet, zones: []string{"ap-northeast-2a"},
			wantErr: "found public subnets in 1 zone(s) [subnet-000000a1 (ap-northeast-2a)]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PublicSubnets(tt.subnets, tt.tables, tt.zones)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
