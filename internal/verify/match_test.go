package verify

import "testing"

func TestMatcherAllows(t *testing.T) {
	tests := []struct {
		matcher string
		code    int
		want    bool
	}{
		{"200-399", 200, true},
		{"200-399", 302, true},
		{"200-399", 404, false},
		{"200,202", 202, true},
		{"200,202", 201, false},
		{"200", 200, true},
		{"", 500, false},
		{"", 204, true},
		{"grpc:0-99", 503, true}, // a gRPC matcher: not read
	}
	for _, tt := range tests {
		if got := matcherAllows(tt.matcher, tt.code); got != tt.want {
			t.Errorf("matcherAllows(%q, %d) = %v, want %v", tt.matcher, tt.code, got, tt.want)
		}
	}
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name string
		in   []familyResult
		want Result
	}{
		{"one pass", []familyResult{{IPv4, Pass, "", 1, nil}}, Result{Check: "c", Status: Pass, Attempts: 1}},
		{"IPv6 fails", []familyResult{{IPv4, Pass, "", 1, nil}, {IPv6, Fail, "no AAAA record", 3, nil}},
			Result{Check: "c", Status: Fail, Reason: "over IPv6: no AAAA record", Attempts: 3}},
		{"both skip alike", []familyResult{{IPv4, Skip, "none configured", 1, nil}, {IPv6, Skip, "none configured", 1, nil}},
			Result{Check: "c", Status: Skip, Reason: "none configured", Attempts: 1}},
		{"both fail apart", []familyResult{{IPv4, Fail, "a", 1, nil}, {IPv6, Fail, "b", 1, nil}},
			Result{Check: "c", Status: Fail, Reason: "over IPv4: a; over IPv6: b", Attempts: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := merge("c", tt.in); got != tt.want {
				t.Errorf("merge = %+v, want %+v", got, tt.want)
			}
		})
	}
}
