package onespan

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const key = "cb-key-5f2a9c1e"
const body = `{"@class":"com.silanis.esl.packages.event.ESLProcessEvent","name":"PACKAGE_COMPLETE","sessionUser":"u1","packageId":"p1","message":null,"documentId":null,"createdDate":"2017-05-02T20:17:58.408Z"}`

func TestArgumentsThatCannotBeText(t *testing.T) {
	_, err := VerifyWebhook([]byte(body), "Basic "+key, key+"\x00")
	if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "NUL") {
		t.Errorf("a key with NUL: %v", err)
	}
	_, err = VerifyWebhook([]byte(body), "Basic "+key, "\xff")
	if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("a key that is not UTF-8: %v", err)
	}
	// C would stop at the NUL and see the right key: refused before it gets there.
	_, err = VerifyWebhook([]byte(body), "Basic "+key+"\x00junk", key)
	if !errors.Is(err, ErrVerification) {
		t.Errorf("a header with NUL after the key: %v", err)
	}
	_, err = VerifyWebhook([]byte(body), "Basic \xfe"+key, key)
	if !errors.Is(err, ErrVerification) {
		t.Errorf("a header that is not UTF-8: %v", err)
	}
	if _, err := VerifyWebhook(nil, "Basic "+key, key); !errors.Is(err, ErrParse) {
		t.Errorf("a nil body: %v", err)
	}
}

func TestEventFields(t *testing.T) {
	e, err := VerifyWebhook([]byte(body), "basic  "+key, key)
	if err != nil {
		t.Fatal(err)
	}
	want := Event{Name: "PACKAGE_COMPLETE", PackageID: "p1", SessionUser: "u1", CreatedDate: "2017-05-02T20:17:58.408Z"}
	got := *e
	got.Raw = nil
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if string(e.Raw) != body {
		t.Errorf("Raw = %s", e.Raw)
	}
}

func serve(t *testing.T) (*httptest.Server, *[]*Event) {
	var seen []*Event
	srv := httptest.NewServer(WebhookHandler(key, func(w http.ResponseWriter, r *http.Request, e *Event) {
		seen = append(seen, e)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	return srv, &seen
}

func post(t *testing.T, url, authorization string, payload io.Reader) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, payload)
	if err != nil {
		t.Fatal(err)
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	text, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(text)
}

func TestHandler(t *testing.T) {
	srv, seen := serve(t)
	cases := []struct {
		name, authorization string
		body                io.Reader
		status              int
	}{
		{"right key", "Basic " + key, strings.NewReader(body), http.StatusNoContent},
		{"bare key", key, strings.NewReader(body), http.StatusNoContent},
		{"wrong key", "Basic other-key-123", strings.NewReader(body), http.StatusUnauthorized},
		{"no header", "", strings.NewReader(body), http.StatusUnauthorized},
		{"not JSON", "Basic " + key, strings.NewReader("hello"), http.StatusBadRequest},
		{"no name", "Basic " + key, strings.NewReader(`{"packageId":"p1"}`), http.StatusBadRequest},
		{"at the cap", "Basic " + key, strings.NewReader(padded(MaxBodyBytes)), http.StatusNoContent},
		{"over the cap", "Basic " + key, strings.NewReader(padded(MaxBodyBytes + 1)), http.StatusRequestEntityTooLarge},
		// No Content-Length: the handler stops reading after the cap and one byte.
		{"over the cap, chunked", "Basic " + key, io.MultiReader(strings.NewReader(padded(MaxBodyBytes + 1))), http.StatusRequestEntityTooLarge},
	}
	for _, c := range cases {
		status, text := post(t, srv.URL, c.authorization, c.body)
		if status != c.status {
			t.Errorf("%s: status %d (%s), want %d", c.name, status, text, c.status)
		}
		if strings.Contains(text, key) {
			t.Errorf("%s: the answer shows the key: %s", c.name, text)
		}
	}
	if len(*seen) != 3 || (*seen)[0].PackageID != "p1" {
		t.Errorf("the handler's function saw %d events, want 3", len(*seen))
	}
}

// A wrong key is refused before the body is read: a body that never ends does not hold the
// answer back.
func TestHandlerRefusesBeforeReading(t *testing.T) {
	srv, seen := serve(t)
	pr, pw := io.Pipe()
	defer pw.Close()
	go func() { _, _ = pw.Write([]byte(`{"name":`)) }()
	status, _ := post(t, srv.URL, "Basic wrong-key-zz9", pr)
	if status != http.StatusUnauthorized || len(*seen) != 0 {
		t.Errorf("status %d, %d events", status, len(*seen))
	}
}

func padded(size int) string {
	prefix := `{"name":"PACKAGE_COMPLETE","packageId":"p1","padding":"`
	return prefix + strings.Repeat("a", size-len(prefix)-2) + `"}`
}
