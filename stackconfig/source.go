package stackconfig

// Source is where a list or a number of AWS's was copied from, and the
// month it was read: AWS adds to its lists, and a value it adds later is
// refused until it is added here, so whoever adds it reads the page again
// and moves the date.
type Source struct {
	// URL is the page of AWS's documentation (or the provider's file) the
	// values were read from.
	URL string
	// Read is when, as YYYY-MM.
	Read string
}
