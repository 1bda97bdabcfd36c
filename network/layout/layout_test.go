package layout

import (
	"fmt"
	"net/netip"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestZoneSlot(t *testing.T) {
	tests := []struct {
		zone    string
		want    int
		wantErr string
	}{
		{zone: "ap-northeast-2a", want: 0},
		{zone: "ap-northeast-2b", want: 1},
		{zone: "ap-northeast-2c", want: 2},
		{zone: "ap-northeast-2d", want: 3},
		{zone: "us-east-1f", want: 5},
		{zone: "us-west-2-lax-1a", want: 0},
		{zone: "z", want: 25},
		{zone: "a", want: 0},
		{zone: "", wantErr: "empty"},
		{zone: "apne2-az1", wantErr: "does not end in a letter"},
		{zone: "ap-northeast-2A", wantErr: "does not end in a letter"},
		{zone: "us-east-1-", wantErr: "does not end in a letter"},
		{zone: "ap-northeast-2é", wantErr: "does not end in a letter"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%q", tc.zone), func(t *testing.T) {
			got, err := ZoneSlot(tc.zone)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// cidrs maps each planned zone to its block.
func cidrs(plans []SubnetPlan) map[string]string {
	m := make(map[string]string, len(plans))
	for _, p := range plans {
		m[p.Zone] = p.Cidr
	}
	return m
}

func TestPlanSubnets(t *testing.T) {
	tests := []struct {
		name      string
		vpc       string
		zones     []string
		prefix    int
		overrides map[string]string
		want      []SubnetPlan
	}{
		{
			name:   "ap-northeast-2 a to d",
			vpc:    "172.31.0.0/16",
			zones:  []string{"ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"},
			prefix: 20,
			want: []SubnetPlan{
				{Zone: "ap-northeast-2a", Cidr: "172.31.0.0/20", Slot: 0},
				{Zone: "ap-northeast-2b", Cidr: "172.31.16.0/20", Slot: 1},
				{Zone: "ap-northeast-2c", Cidr: "172.31.32.0/20", Slot: 2},
				{Zone: "ap-northeast-2d", Cidr: "172.31.48.0/20", Slot: 3},
			},
		},
		{
			name:   "reverse input order is sorted by zone",
			vpc:    "172.31.0.0/16",
			zones:  []string{"ap-northeast-2d", "ap-northeast-2c", "ap-northeast-2b", "ap-northeast-2a"},
			prefix: 20,
			want: []SubnetPlan{
				{Zone: "ap-northeast-2a", Cidr: "172.31.0.0/20", Slot: 0},
				{Zone: "ap-northeast-2b", Cidr: "172.31.16.0/20", Slot: 1},
				{Zone: "ap-northeast-2c", Cidr: "172.31.32.0/20", Slot: 2},
				{Zone: "ap-northeast-2d", Cidr: "172.31.48.0/20", Slot: 3},
			},
		},
		{
			name:   "gaps keep each zone at its letter's slot",
			vpc:    "172.31.0.0/16",
			zones:  []string{"ap-northeast-2c", "ap-northeast-2a"},
			prefix: 20,
			want: []SubnetPlan{
				{Zone: "ap-northeast-2a", Cidr: "172.31.0.0/20", Slot: 0},
				{Zone: "ap-northeast-2c", Cidr: "172.31.32.0/20", Slot: 2},
			},
		},
		{
			name:   "us-east-1 f is slot 5",
			vpc:    "10.0.0.0/16",
			zones:  []string{"us-east-1f", "us-east-1a"},
			prefix: 24,
			want: []SubnetPlan{
				{Zone: "us-east-1a", Cidr: "10.0.0.0/24", Slot: 0},
				{Zone: "us-east-1f", Cidr: "10.0.5.0/24", Slot: 5},
			},
		},
		{
			name:   "small VPC, last slot that fits",
			vpc:    "10.1.2.0/24",
			zones:  []string{"eu-west-1a", "eu-west-1d"},
			prefix: 26,
			want: []SubnetPlan{
				{Zone: "eu-west-1a", Cidr: "10.1.2.0/26", Slot: 0},
				{Zone: "eu-west-1d", Cidr: "10.1.2.192/26", Slot: 3},
			},
		},
		{
			name:   "no zones",
			vpc:    "172.31.0.0/16",
			zones:  nil,
			prefix: 20,
			want:   []SubnetPlan{},
		},
		{
			name:      "override replaces one zone's block",
			vpc:       "172.31.0.0/16",
			zones:     []string{"ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c"},
			prefix:    20,
			overrides: map[string]string{"ap-northeast-2b": "172.31.128.0/24"},
			want: []SubnetPlan{
				{Zone: "ap-northeast-2a", Cidr: "172.31.0.0/20", Slot: 0},
				{Zone: "ap-northeast-2b", Cidr: "172.31.128.0/24", Slot: 1},
				{Zone: "ap-northeast-2c", Cidr: "172.31.32.0/20", Slot: 2},
			},
		},
		{
			name:   "override of every zone",
			vpc:    "10.0.0.0/16",
			zones:  []string{"us-east-1b", "us-east-1a"},
			prefix: 20,
			overrides: map[string]string{
				"us-east-1a": "10.0.200.0/24",
				"us-east-1b": "10.0.201.0/24",
			},
			want: []SubnetPlan{
				{Zone: "us-east-1a", Cidr: "10.0.200.0/24", Slot: 0},
				{Zone: "us-east-1b", Cidr: "10.0.201.0/24", Slot: 1},
			},
		},
		{
			name:      "override for a zone not planned is ignored",
			vpc:       "172.31.0.0/16",
			zones:     []string{"ap-northeast-2a", "ap-northeast-2b"},
			prefix:    20,
			overrides: map[string]string{"ap-northeast-2z": "10.0.0.0/24"},
			want: []SubnetPlan{
				{Zone: "ap-northeast-2a", Cidr: "172.31.0.0/20", Slot: 0},
				{Zone: "ap-northeast-2b", Cidr: "172.31.16.0/20", Slot: 1},
			},
		},
		{
			name:   "override lets a zone past the carved capacity in",
			vpc:    "10.0.0.0/24",
			zones:  []string{"eu-west-1a", "eu-west-1e"},
			prefix: 26,
			overrides: map[string]string{
				"eu-west-1e": "10.0.0.64/26",
			},
			want: []SubnetPlan{
				{Zone: "eu-west-1a", Cidr: "10.0.0.0/26", Slot: 0},
				{Zone: "eu-west-1e", Cidr: "10.0.0.64/26", Slot: 4},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			input := append([]string(nil), tc.zones...)
			got, err := PlanSubnets(tc.vpc, tc.zones, tc.prefix, tc.overrides)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, input, tc.zones, "PlanSubnets must not reorder its input")
			assert.True(t, sort.SliceIsSorted(got, func(i, j int) bool { return got[i].Zone < got[j].Zone }))
		})
	}
}

func TestPlanSubnetsErrors(t *testing.T) {
	tests := []struct {
		name      string
		vpc       string
		zones     []string
		prefix    int
		overrides map[string]string
		wantErr   string
	}{
		{
			name:    "VPC CIDR not a CIDR",
			vpc:     "172.31.0.0",
			zones:   []string{"ap-northeast-2a", "ap-northeast-2b"},
			prefix:  20,
			wantErr: `VPC CIDR "172.31.0.0"`,
		},
		{
			name:    "subnet prefix equal to VPC prefix",
			vpc:     "172.31.0.0/20",
			zones:   []string{"ap-northeast-2a", "ap-northeast-2b"},
			prefix:  20,
			wantErr: "subnet prefix /20 does not fit in VPC 172.31.0.0/20",
		},
		{
			name:    "subnet prefix shorter than VPC prefix",
			vpc:     "172.31.0.0/16",
			zones:   []string{"ap-northeast-2a", "ap-northeast-2b"},
			prefix:  8,
			wantErr: "must be longer than /16",
		},
		{
			name:    "subnet prefix beyond 32",
			vpc:     "172.31.0.0/16",
			zones:   []string{"ap-northeast-2a", "ap-northeast-2b"},
			prefix:  33,
			wantErr: "subnet prefix /33 does not fit",
		},
		{
			name:    "zone slot beyond capacity",
			vpc:     "10.0.0.0/24",
			zones:   []string{"ap-northeast-2a", "ap-northeast-2e"},
			prefix:  26,
			wantErr: "zone ap-northeast-2e needs /26 slot 4 of 10.0.0.0/24, which has only 4",
		},
		{
			name:    "zone z does not fit in a /16 of /20s",
			vpc:     "172.31.0.0/16",
			zones:   []string{"ap-northeast-2a", "ap-northeast-2z"},
			prefix:  20,
			wantErr: "slot 25 of 172.31.0.0/16, which has only 16",
		},
		{
			name:    "duplicate slot letter",
			vpc:     "172.31.0.0/16",
			zones:   []string{"us-west-2a", "us-west-2-lax-1a"},
			prefix:  20,
			wantErr: "end in the same letter",
		},
		{
			name:    "duplicate zone",
			vpc:     "172.31.0.0/16",
			zones:   []string{"us-west-2a", "us-west-2a"},
			prefix:  20,
			wantErr: "end in the same letter",
		},
		{
			name:    "zone ID instead of zone name",
			vpc:     "172.31.0.0/16",
			zones:   []string{"apne2-az1", "apne2-az2"},
			prefix:  20,
			wantErr: `zone "apne2-az1" does not end in a letter`,
		},
		{
			name:    "empty zone",
			vpc:     "172.31.0.0/16",
			zones:   []string{"", "ap-northeast-2a"},
			prefix:  20,
			wantErr: "zone name is empty",
		},
		{
			name:      "override overlaps a carved block",
			vpc:       "172.31.0.0/16",
			zones:     []string{"ap-northeast-2a", "ap-northeast-2b"},
			prefix:    20,
			overrides: map[string]string{"ap-northeast-2b": "172.31.8.0/24"},
			wantErr:   "overlaps with",
		},
		{
			name:   "two overrides overlap",
			vpc:    "172.31.0.0/16",
			zones:  []string{"ap-northeast-2a", "ap-northeast-2b"},
			prefix: 20,
			overrides: map[string]string{
				"ap-northeast-2a": "172.31.64.0/20",
				"ap-northeast-2b": "172.31.72.0/21",
			},
			wantErr: "overlaps with",
		},
		{
			name:      "override outside the VPC",
			vpc:       "172.31.0.0/16",
			zones:     []string{"ap-northeast-2a", "ap-northeast-2b"},
			prefix:    20,
			overrides: map[string]string{"ap-northeast-2b": "10.0.0.0/20"},
			wantErr:   "172.31.0.0/16 does not fully contain 10.0.0.0/20",
		},
		{
			name:      "override not a CIDR",
			vpc:       "172.31.0.0/16",
			zones:     []string{"ap-northeast-2a", "ap-northeast-2b"},
			prefix:    20,
			overrides: map[string]string{"ap-northeast-2a": "banana"},
			wantErr:   `subnet CIDR "banana" for zone ap-northeast-2a`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PlanSubnets(tc.vpc, tc.zones, tc.prefix, tc.overrides)
			require.Error(t, err)
			assert.Nil(t, got)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

// Adding a zone never moves an existing zone's subnet, and every plan's
// blocks lie inside the VPC without overlapping.
func TestPlanSubnetsAddingZoneKeepsExistingCidrs(t *testing.T) {
	inputs := []struct {
		vpc    string
		prefix int
		zones  []string
	}{
		{"172.31.0.0/16", 20, []string{"ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"}},
		{"172.31.0.0/16", 20, []string{"ap-northeast-2c", "ap-northeast-2a", "ap-northeast-2d", "ap-northeast-2b"}},
		{"10.0.0.0/16", 24, []string{"us-east-1f", "us-east-1a", "us-east-1c", "us-east-1b", "us-east-1e", "us-east-1d"}},
		{"10.8.0.0/20", 24, []string{"eu-west-1b", "eu-west-1a", "eu-west-1c"}},
		{"192.168.0.0/24", 27, []string{"sa-east-1a", "sa-east-1c", "sa-east-1b", "sa-east-1h"}},
		{"10.0.0.0/16", 21, []string{"us-west-2-lax-1b", "us-west-2a", "us-west-2d", "us-west-2c"}},
	}
	for _, in := range inputs {
		t.Run(fmt.Sprintf("%s_%d_%v", in.vpc, in.prefix, in.zones), func(t *testing.T) {
			vpc := netip.MustParsePrefix(in.vpc)
			var previous map[string]string
			for n := 1; n <= len(in.zones); n++ {
				plans, err := PlanSubnets(in.vpc, in.zones[:n], in.prefix, nil)
				require.NoError(t, err, "first %d zones", n)
				require.Len(t, plans, n)
				now := cidrs(plans)
				for zone, c := range previous {
					assert.Equal(t, c, now[zone], "adding %s moved %s", in.zones[n-1], zone)
				}
				for i, p := range plans {
					block := netip.MustParsePrefix(p.Cidr)
					assert.Equal(t, in.prefix, block.Bits())
					assert.True(t, vpc.Contains(block.Addr()), "%s outside %s", p.Cidr, in.vpc)
					for _, q := range plans[i+1:] {
						assert.False(t, block.Overlaps(netip.MustParsePrefix(q.Cidr)), "%s overlaps %s", p.Cidr, q.Cidr)
					}
					slot, err := ZoneSlot(p.Zone)
					require.NoError(t, err)
					assert.Equal(t, slot, p.Slot)
				}
				previous = now
			}

			// Removing zones does not move the others either: each zone's
			// block is the same in every subset that contains it.
			full, err := PlanSubnets(in.vpc, in.zones, in.prefix, nil)
			require.NoError(t, err)
			all := cidrs(full)
			for skip := range in.zones {
				rest := append(append([]string(nil), in.zones[:skip]...), in.zones[skip+1:]...)
				plans, err := PlanSubnets(in.vpc, rest, in.prefix, nil)
				require.NoError(t, err)
				for zone, c := range cidrs(plans) {
					assert.Equal(t, all[zone], c, "removing %s moved %s", in.zones[skip], zone)
				}
			}
		})
	}
}

func TestIpv6SubnetCidr(t *testing.T) {
	tests := []struct {
		vpc     string
		slot    int
		want    string
		wantErr string
	}{
		{vpc: "2600:1f18:abc:de00::/56", slot: 0, want: "2600:1f18:abc:de00::/64"},
		{vpc: "2600:1f18:abc:de00::/56", slot: 2, want: "2600:1f18:abc:de02::/64"},
		{vpc: "2600:1f18:abc:de00::/56", slot: 25, want: "2600:1f18:abc:de19::/64"},
		{vpc: "2600:1f18:abc:de00::/56", slot: 255, want: "2600:1f18:abc:deff::/64"},
		{vpc: "2406:da12:1:4500::/56", slot: 3, want: "2406:da12:1:4503::/64"},
		{vpc: "2600:1f18:abc:de00::/60", slot: 15, want: "2600:1f18:abc:de0f::/64"},
		{vpc: "2600:1f18:abc:de00::/56", slot: 256, wantErr: "IPv6 /64 slot 256 of 2600:1f18:abc:de00::/56"},
		{vpc: "2600:1f18:abc:de00::/56", slot: -1, wantErr: "slot -1"},
		{vpc: "2600:1f18:abc:de00::/60", slot: 16, wantErr: "slot 16"},
		{vpc: "not-a-cidr", slot: 0, wantErr: `VPC IPv6 CIDR "not-a-cidr"`},
		{vpc: "", slot: 0, wantErr: "VPC IPv6 CIDR"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s_slot_%d", tc.vpc, tc.slot), func(t *testing.T) {
			got, err := Ipv6SubnetCidr(tc.vpc, tc.slot)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// Every zone slot a subnet plan can produce has its own /64.
func TestIpv6SubnetCidrDistinctPerSlot(t *testing.T) {
	seen := map[string]int{}
	for slot := 0; slot < 26; slot++ {
		got, err := Ipv6SubnetCidr("2600:1f18:abc:de00::/56", slot)
		require.NoError(t, err)
		p := netip.MustParsePrefix(got)
		assert.Equal(t, 64, p.Bits())
		assert.True(t, netip.MustParsePrefix("2600:1f18:abc:de00::/56").Contains(p.Addr()))
		if other, dup := seen[got]; dup {
			t.Errorf("slots %d and %d share %s", other, slot, got)
		}
		seen[got] = slot
	}
}
