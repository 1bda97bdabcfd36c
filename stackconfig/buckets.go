package stackconfig

import (
	"net/netip"
	"strings"
)

// S3's general purpose bucket naming rules (Amazon S3 user guide, General
// purpose bucket naming rules): 3 to 63 characters of lowercase letters,
// digits, dots and hyphens; beginning and ending with a letter or digit;
// no two adjacent periods; not formatted as an IP address; not starting
// with xn--, sthree- or amzn-s3-demo-; not ending with -s3alias, --ol-s3,
// .mrap, --x-s3 or --table-s3.
var (
	bucketReservedPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	bucketReservedSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
	bucketChars            = lazy(`^[a-z0-9.-]*$`)
)

// bucketNameRule returns why name is not an S3 bucket name, in the user's
// words, or "" when it is one.
func bucketNameRule(name string) string {
	const what = "is not an S3 bucket name: "
	switch {
	case len(name) < 3 || len(name) > 63:
		return what + "3 to 63 characters"
	case !bucketChars.MatchString(name):
		return what + "only lowercase letters, digits, dots and hyphens"
	case !isAlnum(name[0]) || !isAlnum(name[len(name)-1]):
		return what + "it begins and ends with a letter or digit"
	case strings.Contains(name, ".."):
		return what + "no two adjacent dots"
	}
	if a, err := netip.ParseAddr(name); err == nil && a.Is4() {
		return what + "not formatted as an IP address"
	}
	for _, p := range bucketReservedPrefixes {
		if strings.HasPrefix(name, p) {
			return what + "the prefix " + p + " is reserved by S3"
		}
	}
	for _, s := range bucketReservedSuffixes {
		if strings.HasSuffix(name, s) {
			return what + "the suffix " + s + " is reserved by S3"
		}
	}
	return ""
}

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
